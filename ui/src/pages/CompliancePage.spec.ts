import { afterEach, describe, expect, it } from 'vitest'
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks'
import type { BranchCompliance } from '@/generated/BranchCompliance'
import type { Compliance } from '@/generated/Compliance'
import type { ComplianceItem } from '@/generated/ComplianceItem'
import type { ComplianceStatus } from '@/generated/ComplianceStatus'
import type { Obligation } from '@/generated/Obligation'
import { byTestId, choose, click, texts } from '@/components/specHelpers'
import { mountRouted } from './mountRouted'
import CompliancePage from './CompliancePage.vue'

const TODAY = '2026-05-20'

const obligation = (o: Partial<Obligation> & Pick<Obligation, 'code' | 'name' | 'kind' | 'frequency'>): Obligation => ({
  id: 0,
  per_period: 1,
  scope: 'branch',
  binds_branch: true,
  binds_general_branch: false,
  active: true,
  ...o,
})

const OBLIGATIONS: Obligation[] = [
  obligation({ id: 1, code: 'general_meeting', name: '支部党员大会（每季度至少一次）', kind: 'general_meeting', frequency: 'quarter' }),
  obligation({
    id: 2,
    code: 'committee_meeting',
    name: '支部委员会会议（每月至少一次）',
    kind: 'committee_meeting',
    frequency: 'month',
    binds_general_branch: true,
  }),
  obligation({ id: 3, code: 'group_meeting', name: '党小组会（每个党小组每月至少一次）', kind: 'group_meeting', frequency: 'month', scope: 'group' }),
  obligation({
    id: 4,
    code: 'secretary_lesson',
    name: '书记讲党课（每年至少一次）',
    kind: 'party_lesson',
    frequency: 'year',
    scope: 'secretary',
    binds_general_branch: true,
  }),
]

const item = (
  obligation: string,
  period: string,
  status: ComplianceStatus,
  meeting_ids: number[] = [],
  group?: [number, string],
): ComplianceItem => ({
  obligation,
  period,
  status,
  held: meeting_ids.length,
  required: 1,
  meeting_ids,
  ...(group ? { group_id: group[0], group: group[1] } : {}),
})

const months = (code: string, statuses: ComplianceStatus[], ids: Record<number, number[]> = {}, group?: [number, string]) =>
  statuses.map((s, i) => item(code, `2026-${String(i + 1).padStart(2, '0')}`, s, ids[i + 1] ?? [], group))

const FUTURE: ComplianceStatus[] = ['due', 'due', 'due', 'due', 'due', 'due', 'due']

/** 内科第一党支部 (two party groups, the second founded in July) and 临床党总支. */
function fixture(): Compliance {
  const medicine: BranchCompliance = {
    branch: '内科第一党支部',
    branch_id: 2,
    kind: 'branch',
    rate: 0.6,
    items: [
      item('general_meeting', '2026-Q1', 'done', [110]),
      // Twice this quarter (a local rule's count): one held so far.
      { ...item('general_meeting', '2026-Q2', 'due', [111]), required: 2 },
      item('general_meeting', '2026-Q3', 'due'),
      item('general_meeting', '2026-Q4', 'due'),
      ...months('committee_meeting', ['done', 'overdue', 'done', 'done', 'due', ...FUTURE], { 1: [101], 3: [102, 103], 4: [104] }),
      ...months('group_meeting', ['overdue', 'done', 'done', 'done', 'due', ...FUTURE], { 2: [120], 3: [121], 4: [122] }, [7, '第一党小组']),
      ...months('group_meeting', ['n/a', 'n/a', 'n/a', 'n/a', 'n/a', 'n/a', 'due', 'due', 'due', 'due', 'due', 'due'], {}, [8, '第二党小组']),
      item('secretary_lesson', '2026', 'due'),
    ],
  }
  const general: BranchCompliance = {
    branch: '临床党总支',
    branch_id: 1,
    kind: 'general_branch',
    rate: 1,
    items: [
      ...['Q1', 'Q2', 'Q3', 'Q4'].map((q) => item('general_meeting', `2026-${q}`, 'n/a')),
      ...months('committee_meeting', ['done', 'done', 'done', 'done', 'due', ...FUTURE], { 1: [201], 2: [202], 3: [203], 4: [204] }),
      ...months('group_meeting', Array<ComplianceStatus>(12).fill('n/a')),
      item('secretary_lesson', '2026', 'done', [205]),
    ],
  }
  return { year: 2026, as_of: TODAY, rate: 0.75, obligations: OBLIGATIONS, branches: [general, medicine] }
}

function fakeBackend() {
  const asked: unknown[] = []
  mockIPC((cmd, payload) => {
    if (cmd === 'app_today') return TODAY
    if (cmd === 'compliance_grid') {
      asked.push(payload)
      return fixture()
    }
    throw { code: 'internal', message: `unexpected command ${cmd}` }
  })
  return { asked }
}

const cells = (branch: string, obligation: string) =>
  [...document.querySelectorAll<HTMLTableCellElement>(`[data-testid="compliance-cell"][data-branch="${branch}"][data-obligation="${obligation}"]`)]
const cell = (branch: string, obligation: string, period: string) => {
  const found = cells(branch, obligation).find((c) => c.dataset.period === period)
  if (!found) throw new Error(`expected a cell for ${branch} ${obligation} ${period}`)
  return found
}

afterEach(() => {
  clearMocks()
  document.body.innerHTML = ''
})

describe('CompliancePage', () => {
  it('asks for this year as of the app’s today and shows the rates and a legend', async () => {
    const backend = fakeBackend()
    await mountRouted(CompliancePage, '/compliance')

    expect(backend.asked, 'the grid should be judged for the app’s year as of its today').toEqual([
      { year: 2026, asOf: TODAY },
    ])
    expect(byTestId('compliance-as-of').textContent).toContain('截至 2026-05-20')
    expect(byTestId('compliance-rate').textContent, 'the committee’s rate should be a percentage').toBe('75%')
    expect(texts('[data-testid="compliance-branch-rate"]'), 'each branch should show its own rate').toEqual([
      '完成率 100%',
      '完成率 60%',
    ])
    expect(byTestId('compliance-legend').textContent, 'the legend should name every status').toMatch(
      /已完成.*待完成.*逾期未完成.*不适用/,
    )
  })

  it('colours each month by status and spans quarter and year cells across their months', async () => {
    fakeBackend()
    await mountRouted(CompliancePage, '/compliance')

    const committee = cells('内科第一党支部', 'committee_meeting')
    expect(committee.map((c) => c.dataset.status), 'one cell per month, in month order').toEqual([
      'done', 'overdue', 'done', 'done', 'due', 'due', 'due', 'due', 'due', 'due', 'due', 'due',
    ])
    expect(committee[0]!.classList, 'a done month should be drawn as done (green)').toContain('cgrid__cell--done')
    expect(committee[1]!.classList, 'an overdue month should be drawn as overdue (red)').toContain('cgrid__cell--overdue')
    expect(committee[4]!.classList).toContain('cgrid__cell--due')
    expect(committee[1]!.textContent?.trim(), 'a cell should say how many were held of how many').toBe('0/1')

    const quarters = cells('内科第一党支部', 'general_meeting')
    expect(quarters.map((c) => [c.dataset.period, c.colSpan]), 'a quarter should span its three months').toEqual([
      ['2026-Q1', 3],
      ['2026-Q2', 3],
      ['2026-Q3', 3],
      ['2026-Q4', 3],
    ])
    expect(cell('内科第一党支部', 'secretary_lesson', '2026').colSpan, 'a yearly rule should span the year').toBe(12)

    const q1 = cell('内科第一党支部', 'general_meeting', '2026-Q1')
    expect(q1.title, 'the tooltip should name the rule, the period, the count and the status').toContain(
      '支部党员大会（每季度至少一次）',
    )
    expect(q1.title).toContain('2026年第一季度')
    expect(q1.title).toContain('已完成 1 / 应完成 1')
    expect(q1.title).toContain('已完成')
  })

  it('draws a per-group rule as one row per party group, and every judged item even where nothing applies', async () => {
    fakeBackend()
    await mountRouted(CompliancePage, '/compliance')

    const groups = cells('内科第一党支部', 'group_meeting')
    expect(groups, 'two party groups should give two rows of twelve months').toHaveLength(24)
    const block = document.querySelector('[data-testid="compliance-branch"][data-branch="内科第一党支部"]')!
    expect(texts('.cgrid__group', block), 'each group row should be named').toEqual(['第一党小组', '第二党小组'])
    expect(groups[12]!.dataset.status, 'a group founded in July has no obligation before it').toBe('n/a')
    expect(groups[12]!.classList).toContain('cgrid__cell--na')
    expect(groups[12]!.textContent?.trim(), 'a cell that does not apply carries no count').toBe('')

    const general = document.querySelector('[data-testid="compliance-branch"][data-branch="临床党总支"]')!
    expect(
      cells('临床党总支', 'general_meeting').map((c) => c.dataset.status),
      'a rule that binds no 党总支 is still drawn, every quarter n/a, so the screen matches the core',
    ).toEqual(['n/a', 'n/a', 'n/a', 'n/a'])
    expect(cells('临床党总支', 'group_meeting'), 'a branch without groups gets one n/a row for the group rule').toHaveLength(12)
    expect(
      general.querySelectorAll('tr.cgrid__row--inapplicable'),
      'rows that never apply should be drawn quietly',
    ).toHaveLength(2)
    expect(cells('临床党总支', 'committee_meeting')).toHaveLength(12)
    expect(
      document.querySelectorAll('[data-testid="compliance-cell"]'),
      'every item of the grid should be one cell on screen',
    ).toHaveLength(fixture().branches.reduce((n, b) => n + b.items.length, 0))
  })

  it('opens the ledger at the record or at the kind where the count is met, else a new record dated inside the period', async () => {
    fakeBackend()
    const { router } = await mountRouted(CompliancePage, '/compliance')
    const query = () => ({ path: router.currentRoute.value.path, query: { ...router.currentRoute.value.query } })

    await click(cell('内科第一党支部', 'committee_meeting', '2026-01'))
    expect(query(), 'a cell with one record should open that record').toEqual({
      path: '/meetings',
      query: { branch: '2', year: '2026', meeting: '101' },
    })

    await click(cell('内科第一党支部', 'committee_meeting', '2026-03'))
    expect(query(), 'a cell with several records should open the branch’s records of that kind and period').toEqual({
      path: '/meetings',
      query: { branch: '2', year: '2026', kind: 'committee_meeting', period: '2026-03' },
    })

    await click(cell('内科第一党支部', 'committee_meeting', '2026-02'))
    expect(query(), 'an overdue month should open a new record dated on its last day').toEqual({
      path: '/meetings',
      query: { branch: '2', year: '2026', kind: 'committee_meeting', new: '1', date: '2026-02-28' },
    })

    const short = cell('内科第一党支部', 'general_meeting', '2026-Q2')
    expect(short.title, 'a cell short of its count offers to record the missing meeting').toContain('已完成 1 / 应完成 2')
    expect(short.title).toContain('点击补录会议记录')
    await click(short)
    expect(query(), 'a running quarter short of its count should open a new record dated today, though one is held').toEqual({
      path: '/meetings',
      query: { branch: '2', year: '2026', kind: 'general_meeting', new: '1', date: TODAY },
    })

    await click(cell('内科第一党支部', 'group_meeting', '2026-01'))
    expect(query().query, 'a group’s missing meeting should name the group and the meeting kind').toEqual({
      branch: '2',
      year: '2026',
      kind: 'group_meeting',
      new: '1',
      date: '2026-01-31',
      group: '7',
    })

    await router.push('/compliance')
    await click(cell('内科第一党支部', 'committee_meeting', '2026-07'))
    expect(router.currentRoute.value.path, 'a month that has not begun offers nothing to record').toBe('/compliance')
    await click(cells('内科第一党支部', 'group_meeting')[12]!)
    expect(router.currentRoute.value.path, 'a cell that does not apply is not a link').toBe('/compliance')
  })

  it('narrows the blocks to the chosen branches, or to those with something overdue, and folds a block', async () => {
    fakeBackend()
    await mountRouted(CompliancePage, '/compliance')
    const shown = () => [...document.querySelectorAll<HTMLElement>('[data-testid="compliance-branch"]')].map((b) => b.dataset.branch)

    await click(byTestId('compliance-only-overdue').querySelector('input')!)
    expect(shown(), 'only the branch with an overdue month should remain').toEqual(['内科第一党支部'])
    await click(byTestId('compliance-only-overdue').querySelector('input')!)

    await choose('compliance-filter-branch', '临床党总支')
    expect(shown(), 'the branch filter should keep the chosen branch').toEqual(['临床党总支'])

    await click(byTestId('compliance-branch-toggle'))
    expect(cells('临床党总支', 'committee_meeting'), 'a folded block should hide its grid').toHaveLength(0)
    expect(byTestId('compliance-branch-rate').textContent, 'a folded block keeps its rate').toContain('100%')
  })
})
