// Shared by the component tests (*.spec.ts); not part of the app bundle.
// Element Plus puts dialogs, drawers, dropdowns and messages at the end of
// <body>, so these helpers look in the whole document, the way a person would.
import { flushPromises, mount } from '@vue/test-utils'
import { mockIPC } from '@tauri-apps/api/mocks'
import { createPinia } from 'pinia'
import ElementPlus from 'element-plus'
import zhCn from 'element-plus/es/locale/lang/zh-cn'
import type { Component } from 'vue'
import type { Branch } from '@/generated/Branch'
import type { BranchView } from '@/generated/BranchView'

/** Mounts `component` (with `props`, if it takes any) with Element Plus (zh-CN) and a fresh Pinia, as main.ts does. */
export async function mountPage(component: Component, props: Record<string, unknown> = {}) {
  const wrapper = mount(component, {
    props,
    global: { plugins: [[ElementPlus, { locale: zhCn }], createPinia()] },
    attachTo: document.body,
  })
  await settle()
  return wrapper
}

/** Lets pending promises, timers of 0 ms and Vue's re-render run. */
export async function settle() {
  await flushPromises()
  await new Promise((resolve) => setTimeout(resolve, 0))
  await flushPromises()
}

/** The one element matching `selector`; fails the test with a clear message if none. */
export function el<T extends Element = HTMLElement>(selector: string, root: ParentNode = document): T {
  const found = root.querySelector<T>(selector)
  if (!found) throw new Error(`expected an element matching ${selector} on the page`)
  return found
}

/** The element with this data-testid. */
export const byTestId = <T extends Element = HTMLElement>(id: string, root: ParentNode = document) =>
  el<T>(`[data-testid="${id}"]`, root)

/** Texts of every element matching `selector`. */
export const texts = (selector: string, root: ParentNode = document) =>
  [...root.querySelectorAll(selector)].map((e) => e.textContent?.trim() ?? '')

/** Types `value` into an input, replacing what was there. */
export async function type(input: HTMLInputElement | HTMLTextAreaElement, value: string) {
  input.value = value
  input.dispatchEvent(new Event('input', { bubbles: true }))
  input.dispatchEvent(new Event('change', { bubbles: true }))
  await settle()
}

/** Clicks an element (a button, a row, an option). */
export async function click(element: Element) {
  ;(element as HTMLElement).click()
  await settle()
}

/** The button inside `root` whose text is `label`. */
export function button(label: string, root: ParentNode = document): HTMLButtonElement {
  const found = [...root.querySelectorAll('button')].find((b) => b.textContent?.trim() === label)
  if (!found) throw new Error(`expected a button labelled ${label}`)
  return found
}

/** Opens an el-select (found by its data-testid) and clicks the option labelled `label`. */
export async function choose(selectTestId: string, label: string) {
  const select = byTestId(selectTestId)
  await click(el('.el-select__wrapper', select))
  const listId = el('input', select).getAttribute('aria-controls')
  const list = listId ? document.getElementById(listId) : null
  if (!list) throw new Error(`the options of ${selectTestId} did not open`)
  const option = [...list.querySelectorAll('.el-select-dropdown__item')].find((o) => o.textContent?.trim() === label)
  if (!option) throw new Error(`${selectTestId} offers no option ${label}; it offers ${texts('.el-select-dropdown__item', list).join(', ')}`)
  await click(option)
}

/** Ticks the radio labelled `label` inside the element with this data-testid. */
export async function pickRadio(groupTestId: string, label: string) {
  const group = byTestId(groupTestId)
  const radio = [...group.querySelectorAll('label.el-radio')].find((r) => r.textContent?.trim() === label)
  if (!radio) throw new Error(`${groupTestId} offers no choice ${label}`)
  const input = el<HTMLInputElement>('input', radio)
  input.checked = true
  input.dispatchEvent(new Event('change', { bubbles: true }))
  await settle()
}

/** Clicks the button labelled `label` in the open message box (a confirmation). */
export async function confirmMessageBox(label: string) {
  await settle()
  await click(button(label, el('.el-message-box')))
  // The box closes with a transition before the caller's promise resolves.
  await new Promise((resolve) => setTimeout(resolve, 350))
  await settle()
}

/** Text of all toast messages (ElMessage) now on screen. */
export const toasts = () => texts('.el-message')

/** A branch as branch_list returns it: the record with the core's secretary and committee size for today. */
export const branchView = (branch: Branch, secretary_now: string | null = null, committee_now = 0): BranchView => ({
  ...branch,
  secretary_now,
  committee_now,
})

/**
 * Clicks `label` in the newest message box. A closed box stays in the page,
 * hidden, so a test's second question must not be answered in the first.
 */
export async function answerNewestMessageBox(label: string) {
  await settle()
  const boxes = document.querySelectorAll('.el-message-box')
  const box = boxes[boxes.length - 1]
  if (!box) throw new Error(`expected a question with a button ${label}`)
  await click(button(label, box))
  await new Promise((resolve) => setTimeout(resolve, 350))
  await settle()
}

/** A command the fake core (fakeCore) was sent, with its arguments. */
export interface IpcCall {
  cmd: string
  args: Record<string, unknown>
}

/** How the fake core answers one command: a value, or a thrown `{ code, message }` refusal. */
export type IpcHandler = (args: Record<string, unknown>) => unknown

/**
 * Stands in for the core: answers each command with its handler and keeps
 * every call, in order, for the test to read (see lastCall). A command with no
 * handler is refused with an internal error, so a test notices a call it did
 * not expect.
 */
export function fakeCore(handlers: Record<string, IpcHandler>): IpcCall[] {
  const calls: IpcCall[] = []
  mockIPC((cmd, payload) => {
    const args = (payload ?? {}) as Record<string, unknown>
    calls.push({ cmd, args })
    const handler = handlers[cmd]
    if (!handler) throw { code: 'internal', message: `unexpected command ${cmd}` }
    return handler(args)
  })
  return calls
}

/** The arguments of the last `cmd` among `calls`; undefined if it was never sent. */
export const lastCall = (calls: readonly IpcCall[], cmd: string) => calls.filter((c) => c.cmd === cmd).at(-1)?.args

/**
 * The core's table of one kind of record, for a fake core: `rows` as they
 * stand, and the handlers of `${kind}_create` (the record sent as `kind`,
 * stored under the next id, from `firstId` on), `${kind}_update` and
 * `${kind}_delete` (by `id`), which change `rows` as the core would.
 */
export function fakeTable<T extends { id: number }>(kind: string, firstId: number, rows: T[]) {
  let nextId = firstId
  const handlers: Record<string, IpcHandler> = {
    [`${kind}_create`]: (args) => {
      const created = { ...(args[kind] as T), id: nextId++ }
      table.rows = [...table.rows, created]
      return created
    },
    [`${kind}_update`]: (args) => {
      const updated = args[kind] as T
      table.rows = table.rows.map((row) => (row.id === updated.id ? updated : row))
      return updated
    },
    [`${kind}_delete`]: (args) => {
      table.rows = table.rows.filter((row) => row.id !== args.id)
      return null
    },
  }
  const table = { rows, handlers }
  return table
}

/**
 * Stands in for the browser's IntersectionObserver (stub it with
 * `vi.stubGlobal('IntersectionObserver', FakeIntersectionObserver)`): a test
 * says what comes into view.
 */
export class FakeIntersectionObserver {
  /** The observer made last. */
  static current: FakeIntersectionObserver | null = null
  /** Whether every target comes into view as soon as it is observed (a tall window). */
  static showAtOnce = false
  observed: Element[] = []
  constructor(private readonly notify: (entries: Partial<IntersectionObserverEntry>[]) => void) {
    FakeIntersectionObserver.current = this
  }
  observe(target: Element) {
    this.observed.push(target)
    if (FakeIntersectionObserver.showAtOnce) this.show()
  }
  unobserve(target: Element) {
    this.observed = this.observed.filter((t) => t !== target)
  }
  disconnect() {
    this.observed = []
  }
  /** The first `count` targets still observed (all, by default) come into view. */
  show(count = Infinity) {
    this.notify(this.observed.slice(0, count).map((target) => ({ target, isIntersecting: true })))
  }
}
