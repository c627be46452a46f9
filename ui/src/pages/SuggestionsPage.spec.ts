import { afterEach, describe, expect, it } from 'vitest'
import { clearMocks } from '@tauri-apps/api/mocks'
import type { Branch } from '@/generated/Branch'
import type { Suggestion } from '@/generated/Suggestion'
import { blankBranch } from '@/api/branches'
import {
  branchView,
  byTestId,
  choose,
  click,
  confirmMessageBox,
  fakeCore,
  fakeTable,
  lastCall,
  pickRadio,
  settle,
  texts,
  type,
} from '@/components/specHelpers'
import { mountRouted } from './mountRouted'
import SuggestionsPage from './SuggestionsPage.vue'

const TODAY = '2026-05-20'

const suggestion = (id: number, fields: Partial<Suggestion>): Suggestion => ({
  id,
  branch_id: null,
  source: null,
  raised_on: null,
  content: '',
  status: '待办理',
  response: null,
  resolved_on: null,
  due_on: null,
  ...fields,
})

/** Four suggestions: one overdue, one due later, one closed after its due date, one from last year, unassigned. */
function fakeBackend(options: { refuse?: string } = {}) {
  const branches: Branch[] = [
    { ...blankBranch(), id: 2, name: '内科第一党支部' },
    { ...blankBranch(), id: 3, name: '外科党支部' },
  ]
  const suggestions = fakeTable<Suggestion>('suggestion', 10, [
    suggestion(1, {
      branch_id: 2,
      source: '现场办公会',
      raised_on: '2026-03-02',
      content: '门诊停车难',
      status: '办理中',
      due_on: '2026-04-30',
    }),
    suggestion(2, {
      branch_id: 3,
      source: '党代表接待日',
      raised_on: '2026-04-10',
      content: '夜间挂号窗口太少',
      due_on: '2026-06-30',
    }),
    suggestion(3, {
      branch_id: 2,
      source: '义诊现场',
      raised_on: '2026-01-15',
      content: '希望增加中医义诊',
      status: '已办结',
      response: '每月开展一次中医义诊',
      resolved_on: '2026-02-20',
      due_on: '2026-02-01',
    }),
    suggestion(4, { source: '意见箱', raised_on: '2025-11-03', content: '住院部热水供应不稳定', due_on: '2025-12-31' }),
  ])
  const refuse = () => {
    throw { code: 'invalid', message: options.refuse }
  }
  const calls = fakeCore({
    app_today: () => TODAY,
    branch_list: () => branches.map((b) => branchView(b)),
    suggestion_list: () => suggestions.rows,
    ...suggestions.handlers,
    ...(options.refuse ? { suggestion_create: refuse, suggestion_update: refuse } : {}),
  })
  return { calls }
}

const contents = () => texts('[data-testid="suggestion-content"]')
const rowOf = (content: string) => {
  const row = [...document.querySelectorAll<HTMLElement>('tr.suggestion-row')].find((r) => r.textContent?.includes(content))
  if (!row) throw new Error(`expected a row for ${content}; the list shows ${contents().join(', ')}`)
  return row
}
const dialogOpen = () => {
  const dialog = document.querySelector<HTMLElement>('[data-testid="suggestion-form"]')
  return !!dialog && getComputedStyle(dialog.closest('.el-overlay') ?? dialog).display !== 'none'
}

afterEach(() => {
  clearMocks()
  document.body.innerHTML = ''
})

describe('SuggestionsPage', () => {
  it('lists every suggestion with its branch and status, overdue ones marked as the core rules', async () => {
    fakeBackend()
    await mountRouted(SuggestionsPage, '/suggestions')

    expect(contents(), 'newest first').toEqual(['夜间挂号窗口太少', '门诊停车难', '希望增加中医义诊', '住院部热水供应不稳定'])
    const overdue = [...document.querySelectorAll('tr.suggestion-row')].map((r) =>
      r.classList.contains('suggestion-row--overdue'),
    )
    expect(overdue, 'open and due before today: 门诊停车难 and the oldest; a closed one never').toEqual([
      false,
      true,
      false,
      true,
    ])
    expect(rowOf('门诊停车难').querySelector('[data-testid="suggestion-overdue"]')?.textContent).toBe('逾期')
    expect(rowOf('希望增加中医义诊').querySelector('[data-testid="suggestion-overdue"]')).toBeNull()
    expect(rowOf('门诊停车难').textContent).toContain('内科第一党支部')
    expect(rowOf('住院部热水供应不稳定').textContent).toContain('尚未指派')
    expect(byTestId('suggestion-status', rowOf('希望增加中医义诊')).textContent).toBe('已办结')
    expect(byTestId('suggestions-count').textContent).toContain('共 4 条，其中逾期未办结 2 条')
  })

  it('narrows the list by year, branch, status, overdue and search text', async () => {
    fakeBackend()
    await mountRouted(SuggestionsPage, '/suggestions')

    await choose('suggestions-year', '2025年')
    expect(contents()).toEqual(['住院部热水供应不稳定'])
    await choose('suggestions-year', '全部年份')

    await choose('suggestions-branch', '内科第一党支部')
    expect(contents()).toEqual(['门诊停车难', '希望增加中医义诊'])
    await choose('suggestions-branch', '尚未指派')
    expect(contents()).toEqual(['住院部热水供应不稳定'])
    await choose('suggestions-branch', '全部支部')

    await choose('suggestions-status', '待办理')
    expect(contents()).toEqual(['夜间挂号窗口太少', '住院部热水供应不稳定'])
    await choose('suggestions-status', '已办结')
    expect(contents()).toEqual(['希望增加中医义诊'])

    await choose('suggestions-status', '待办理')
    await click(byTestId('suggestions-overdue-only'))
    expect(contents(), 'only the pending one past its due date').toEqual(['住院部热水供应不稳定'])
    await choose('suggestions-status', '办理中')
    expect(contents()).toEqual(['门诊停车难'])
    await choose('suggestions-status', '已办结')
    expect(contents(), 'a closed suggestion is never overdue').toEqual([])
  })

  it('searches the content, the source and the response', async () => {
    fakeBackend()
    await mountRouted(SuggestionsPage, '/suggestions')

    await type(byTestId<HTMLInputElement>('suggestions-search'), '每月')
    expect(contents(), 'found by its response').toEqual(['希望增加中医义诊'])
    await type(byTestId<HTMLInputElement>('suggestions-search'), '接待日')
    expect(contents(), 'found by its source').toEqual(['夜间挂号窗口太少'])
  })

  it('records a new suggestion with what the form says', async () => {
    const backend = fakeBackend()
    await mountRouted(SuggestionsPage, '/suggestions')

    await click(byTestId('suggestion-new'))
    expect(dialogOpen()).toBe(true)
    await type(byTestId<HTMLInputElement>('suggestion-form-source'), '座谈会')
    await type(byTestId<HTMLTextAreaElement>('suggestion-form-content'), '  希望开设便民服务点  ')
    await choose('suggestion-form-branch', '外科党支部')
    await type(byTestId('suggestion-form-due').querySelector('input')!, '2026-06-15')
    await click(byTestId('suggestion-form-save'))

    expect(lastCall(backend.calls, 'suggestion_create')?.suggestion).toEqual({
      id: 0,
      branch_id: 3,
      source: '座谈会',
      raised_on: TODAY,
      content: '希望开设便民服务点',
      status: '待办理',
      response: null,
      resolved_on: null,
      due_on: '2026-06-15',
    })
    expect(contents()).toContain('希望开设便民服务点')
  })

  it('closes a suggestion: the closing date is asked for, today by default, and sent with it', async () => {
    const backend = fakeBackend()
    await mountRouted(SuggestionsPage, '/suggestions')

    await click(rowOf('门诊停车难'))
    expect(dialogOpen(), 'a click on a row opens it').toBe(true)
    expect(document.querySelector('[data-testid="suggestion-form-resolved-as-text"]'), 'no closing date while open').toBeNull()
    await pickRadio('suggestion-form-status', '已办结')
    // The calendar drops data-testid: the field is found by its 只知年月 button.
    const field = byTestId('suggestion-form-resolved-as-text').closest('.partial-date')!
    expect(field.querySelector('input')!.value, 'closed today unless told otherwise').toBe(TODAY)

    // Without a closing date it is not sent.
    await click(byTestId('suggestion-form-resolved-as-text'))
    await type(byTestId<HTMLInputElement>('suggestion-form-resolved'), '')
    await click(byTestId('suggestion-form-save'))
    expect(lastCall(backend.calls, 'suggestion_update'), 'a closed suggestion needs its closing date').toBeUndefined()
    // The form's message comes in with a transition.
    await new Promise((resolve) => setTimeout(resolve, 400))
    await settle()
    expect(texts('.el-form-item__error')).toEqual(['已办结的意见建议请填写办结日期'])

    await type(byTestId<HTMLInputElement>('suggestion-form-resolved'), '2026-05')
    await type(byTestId<HTMLTextAreaElement>('suggestion-form-response'), '协调增设临时停车位 60 个')
    await click(byTestId('suggestion-form-save'))
    expect(lastCall(backend.calls, 'suggestion_update')?.suggestion).toMatchObject({
      id: 1,
      status: '已办结',
      resolved_on: '2026-05',
      response: '协调增设临时停车位 60 个',
    })
    expect(rowOf('门诊停车难').classList, 'a closed suggestion is no longer overdue').not.toContain(
      'suggestion-row--overdue',
    )
  })

  it('shows the server’s refusal inside the form', async () => {
    fakeBackend({ refuse: '办结时限 2026-01-01 早于提出日期 2026-03-02，请核对' })
    await mountRouted(SuggestionsPage, '/suggestions')

    await click(rowOf('门诊停车难'))
    await click(byTestId('suggestion-form-save'))
    expect(byTestId('suggestion-form-error').textContent).toContain('办结时限 2026-01-01 早于提出日期')
    expect(dialogOpen(), 'the form stays open').toBe(true)
  })

  it('opens the suggestion named by ?id=N (the to-do list’s link) and takes the request off the address', async () => {
    fakeBackend()
    const { router } = await mountRouted(SuggestionsPage, '/suggestions?id=4')
    await settle()

    expect(dialogOpen()).toBe(true)
    expect(byTestId<HTMLTextAreaElement>('suggestion-form-content').value).toBe('住院部热水供应不稳定')
    expect(router.currentRoute.value.query).toEqual({})
  })

  it('deletes a suggestion after the user confirms', async () => {
    const backend = fakeBackend()
    await mountRouted(SuggestionsPage, '/suggestions')

    await click(byTestId('suggestion-delete', rowOf('夜间挂号窗口太少')))
    await confirmMessageBox('删除')
    expect(lastCall(backend.calls, 'suggestion_delete')).toEqual({ id: 2 })
    expect(contents()).not.toContain('夜间挂号窗口太少')
    expect(dialogOpen(), 'the delete button does not open the row').toBe(false)
  })
})
