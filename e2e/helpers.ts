// What the end-to-end specs do in the window, written once: wait for paint, find by
// test id, type, pick from an Element Plus select, click past fading overlays, navigate.
import path from 'node:path'
import { browser, $, $$ } from '@wdio/globals'
import { screenshotDir } from './paths.ts'

/**
 * Saves screenshots/<name>.png once the page has painted twice, so that it shows
 * the settled page. WebKitWebDriver takes a screenshot at the page's next paint,
 * and with compositing off (the app's default, src-tauri/src/lib.rs) an idle page
 * never paints again: the screenshot would wait for ever. So a one-pixel mark in
 * the corner is repainted, invisibly, for the next second.
 */
export async function screenshot(name: string): Promise<void> {
  await browser.execute(
    () => new Promise<void>((done) => requestAnimationFrame(() => requestAnimationFrame(() => done()))),
  )
  await browser.execute(() => {
    const mark = document.createElement('div')
    mark.style.cssText = 'position:fixed;left:0;top:0;width:1px;height:1px;pointer-events:none'
    document.body.append(mark)
    let frames = 0
    const repaint = () => {
      mark.style.background = frames % 2 ? 'rgba(0,0,0,0)' : 'rgba(0,0,0,0.01)'
      if (++frames < 60) requestAnimationFrame(repaint)
      else mark.remove()
    }
    requestAnimationFrame(repaint)
  })
  await browser.saveScreenshot(path.join(screenshotDir, `${name}.png`))
}

export const byTestId = (id: string) => $(`[data-testid="${id}"]`)

/** Types into the input or text area with this test id (Element Plus puts the attribute on the field itself). */
export async function typeInto(id: string, text: string): Promise<void> {
  const input = await $(
    `input[data-testid="${id}"], textarea[data-testid="${id}"], [data-testid="${id}"] input, [data-testid="${id}"] textarea`,
  )
  await input.waitForDisplayed()
  await input.setValue(text)
}

/**
 * Chooses the option with this text in the Element Plus (single) select with this
 * test id, and checks the select then shows it. A click on an option while the
 * drop-down is still growing open can land on its neighbour, so each pick waits for
 * the opening to end, and a pick that did not take is made again.
 */
export async function choose(id: string, option: string): Promise<void> {
  await browser.waitUntil(
    async () => {
      await pick(id, option)
      return (await shownChoice(id)) === option
    },
    { timeout: 20_000, interval: 100, timeoutMsg: `${id} should show «${option}» once it is chosen` },
  )
}

/** The label a single select shows for its value ('' while it has none). */
async function shownChoice(id: string): Promise<string> {
  const label = await $(`[data-testid="${id}"] .el-select__placeholder:not(.is-transparent)`)
  return (await label.isExisting()) ? (await label.getText()).trim() : ''
}

/**
 * Opens the select with this test id, clicks the option once the drop-down has
 * finished opening, and waits for it to close. By itself, for a select that adds
 * what is picked to a list and empties itself; `choose` for one that keeps it.
 */
export async function pick(id: string, option: string): Promise<void> {
  // A toast or a closing dialog's overlay may still cover the select: click once it is free.
  await clickWhenFree(`[data-testid="${id}"]`)
  // Every select on the page keeps its (hidden) drop-down in the DOM: click the visible option.
  const xpath = `//*[contains(@class, "el-select-dropdown__item")][normalize-space(.)="${option}"]`
  const visibleOption = async () => {
    for (const item of await $$(xpath)) if (await item.isDisplayed()) return item
    return undefined
  }
  const opening = async () => (await $$('.el-zoom-in-top-enter-active').length) > 0
  await browser.waitUntil(
    async () => {
      const item = await visibleOption()
      return item !== undefined && !(await opening()) && item.click().then(() => true, () => false)
    },
    { timeoutMsg: `the option «${option}» should appear in the open drop-down` },
  )
  // A drop-down left open would cover what lies below it (the ledger's rows).
  await browser.waitUntil(async () => (await visibleOption()) === undefined, {
    timeoutMsg: `the drop-down of ${id} should close once «${option}» is chosen`,
  })
}

/** Clicks once nothing covers the element (a closing dialog's fading overlay intercepts clicks). */
export async function clickWhenFree(selector: string): Promise<void> {
  let cover = 'nothing seen'
  await browser.waitUntil(
    async () => {
      try {
        await $(selector).click()
        return true
      } catch {
        cover = await whatCovers(selector)
        return false
      }
    },
    { timeoutMsg: `${selector} stayed covered` },
  ).catch((error: Error) => {
    throw new Error(`${selector} stayed covered by ${cover}`, { cause: error })
  })
}

/** Names the element the webview would hit at the centre of the selected element. */
async function whatCovers(selector: string): Promise<string> {
  const element = await $(selector)
  if (!(await element.isExisting())) return 'nothing: the element is not in the page'
  return browser.execute((target: HTMLElement) => {
    const box = target.getBoundingClientRect()
    const hit = document.elementFromPoint(box.x + box.width / 2, box.y + box.height / 2)
    const describe = (node: Element | null) =>
      node ? `<${node.tagName.toLowerCase()} class="${node.className}">` : 'nothing'
    return `${describe(hit)} inside ${describe(hit?.parentElement ?? null)} at (${Math.round(box.x)}, ${Math.round(box.y)}) in a ${window.innerWidth}×${window.innerHeight} window`
  }, element as unknown as HTMLElement)
}

export async function goTo(menuLabel: string): Promise<void> {
  await clickWhenFree(`//a[contains(@class, "app-nav__item")][normalize-space(.)="${menuLabel}"]`)
}

/** Leaves the first-run offer (on an empty database) by starting empty, once the app has checked whether to show it. */
export async function startEmptyIfOffered(): Promise<void> {
  const checked = byTestId('first-run-checked')
  await checked.waitForExist({ timeout: 30_000, timeoutMsg: 'the app should check its database at start' })
  if ((await checked.getAttribute('data-offered')) === 'true') {
    await byTestId('first-run-dialog').waitForDisplayed()
    await clickWhenFree('[data-testid="first-run-blank"]')
    await byTestId('first-run-dialog').waitForDisplayed({ reverse: true })
  }
}

/** Opens the demo hospital (its own file) when the app offers it (an empty database); otherwise keeps what is there. */
export async function takeDemoIfOffered(): Promise<void> {
  const checked = byTestId('first-run-checked')
  await checked.waitForExist({ timeout: 30_000, timeoutMsg: 'the app should check its database at start' })
  if ((await checked.getAttribute('data-offered')) === 'true') {
    await byTestId('first-run-dialog').waitForDisplayed()
    await clickWhenFree('[data-testid="first-run-demo"]')
    await byTestId('first-run-dialog').waitForDisplayed({ reverse: true, timeout: 60_000 })
  }
}

/**
 * Calls an app command through the window's own IPC bridge, as the UI does (for
 * what a native file dialog would otherwise start); throws when it is refused.
 */
export async function invoke<T>(command: string, args: Record<string, unknown>): Promise<T> {
  const result = (await browser.executeAsync(
    (command: string, args: Record<string, unknown>, done: (result: unknown) => void) => {
      const internals = (window as unknown as { __TAURI_INTERNALS__: { invoke: (c: string, a: unknown) => Promise<unknown> } })
        .__TAURI_INTERNALS__
      internals.invoke(command, args).then(
        (value) => done({ value }),
        (error) => done({ rejected: error }),
      )
    },
    command,
    args,
  )) as { value?: T; rejected?: unknown }
  if ('rejected' in result) throw new Error(`${command} was refused: ${JSON.stringify(result.rejected)}`)
  return result.value as T
}

/**
 * In the unlock dialog: a command is refused with `passphrase`, `wrong` is refused with the
 * core's message, then `right` opens the database and the dialog closes.
 */
export async function unlockAfterAWrongTry(wrong: string, right: string): Promise<void> {
  const refused = await invoke<unknown>('branch_list', {}).catch((e: Error) => e.message)
  if (!String(refused).includes('"code":"passphrase"')) throw new Error(`a locked database answered: ${refused}`)
  await typeInto('unlock-passphrase', wrong)
  await clickWhenFree('[data-testid="unlock-submit"]')
  await byTestId('unlock-error').waitForDisplayed({ timeoutMsg: 'a wrong passphrase should be refused' })
  const message = await byTestId('unlock-error').getText()
  if (!message.includes('密码不正确')) throw new Error(`unexpected refusal: ${message}`)
  await typeInto('unlock-passphrase', right)
  await clickWhenFree('[data-testid="unlock-submit"]')
  await byTestId('unlock-passphrase').waitForDisplayed({ reverse: true, timeoutMsg: 'the dialog should close' })
}
