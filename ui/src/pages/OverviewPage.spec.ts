import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { defineComponent, h } from 'vue'
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks'
import type { Obligation } from '@/generated/Obligation'
import type { Reminder } from '@/generated/Reminder'
import type { YearStats } from '@/generated/YearStats'
import { byTestId, click, FakeIntersectionObserver, settle, texts, type } from '@/components/specHelpers'
import { useAppStore } from '@/stores/app'
import { mountRouted } from './mountRouted'
import OverviewPage from './OverviewPage.vue'

// The test DOM cannot draw a canvas: the chart shows the option it was given instead.
vi.mock('@/components/charts/EChart.vue', () => ({
  default: defineComponent({
    props: { option: { type: Object, required: true } },
    setup: (props) => () => h('div', { class: 'echart-stub', 'data-option': JSON.stringify(props.option) }),
  }),
}))

/** The option the chart inside the element with this data-testid was given. */
function chartOption(testId: string) {
  const stub = byTestId(testId).querySelector<HTMLElement>('.echart-stub')
  if (!stub) throw new Error(`expected a chart in ${testId}`)
  return JSON.parse(stub.dataset.option!) as {
    xAxis?: { data: string[] }
    yAxis?: { data: string[] }
    series: { data: unknown[] }[]
  }
}

const TODAY = '2026-05-20'

const stats = (year: number): YearStats => ({
  year,
  branches: 9,
  general_branches: 1,
  members: { total: 148, full: 139, probationary: 9 },
  meetings: {
    general_meeting: 36,
    committee_meeting: 104,
    group_meeting: 0,
    party_lesson: 30,
    theme_day: 99,
    org_life_meeting: 9,
    democratic_review: 9,
    talk: 41,
  },
  activities: 25,
  activities_by_kind: { 义诊: 12, 健康讲座: 8, 其他: 0 },
  activities_by_month: [2, 2, 3, 2, 2, 2, 2, 2, 2, 2, 2, 2],
  volunteer_hours: 1234.5,
  outside_volunteer_hours: 30,
  people_served: 3671,
  members_serving: 50,
  members_on_rolls: 80,
  participation_rate: 62.5,
  honors: 4,
  suggestions_raised: 10,
  suggestions_done: 6,
  people_served_by_brand: [
    { brand_id: 1, brand: '精准百分百', people_served: 671 },
    { brand_id: 2, brand: '中医药服务大篷车', people_served: 3000 },
  ],
  per_branch: [
    branchYear(2, '内科第一党支部', 1000.5),
    branchYear(3, '外科党支部', 204),
    branchYear(4, '医技第一党支部', 0),
  ],
})

const branchYear = (branch_id: number, branch: string, volunteer_hours: number) => ({
  branch_id,
  branch,
  activities: 3,
  people_served: 100,
  volunteer_hours,
  members_serving: 5,
  members_on_rolls: 10,
  participation_rate: 50,
  honors: 0,
  suggestions_done: 0,
  targets: [],
})

const reminder = (r: Partial<Reminder> & Pick<Reminder, 'kind' | 'message' | 'date'>): Reminder => ({
  branch: '内科第一党支部',
  branch_id: 2,
  member: null,
  member_id: null,
  meeting_id: null,
  suggestion_id: null,
  obligation: null,
  period: null,
  ...r,
})

/**
 * As reminder_list sorts them: most urgent kind first (overdue,
 * probation_overdue, lapse_alarm, due, probation_due, lapse_warning,
 * incomplete_record, anniversary).
 */
const REMINDERS: Reminder[] = [
  reminder({ kind: 'overdue', obligation: 'committee_meeting', period: '2026-03', date: '2026-03-31', message: '内科第一党支部2026年3月的支部委员会会议未开展（应 1 次，已 0 次）' }),
  reminder({ kind: 'overdue', obligation: 'secretary_lesson', period: '2025', date: '2025-12-31', branch: '外科党支部', branch_id: 3, message: '外科党支部2025年的党课未开展（应 1 次，已 0 次）' }),
  reminder({ kind: 'probation_overdue', member: '李明', member_id: 12, date: '2026-04-02', message: '李明的预备期已于 2026-04-02 届满，请及时讨论转正或延长预备期' }),
  reminder({ kind: 'lapse_alarm', member: '赵刚', member_id: 13, date: TODAY, message: '赵刚近 6 个月应参加的 6 次组织生活均未出席' }),
  reminder({ kind: 'due', obligation: 'general_meeting', period: '2026-Q2', date: '2026-06-30', message: '内科第一党支部2026年第二季度的支部党员大会尚未开展，2026-06-30前完成' }),
  reminder({ kind: 'incomplete_record', meeting_id: 55, date: '2026-04-10', message: '2026-04-10 支部委员会会议「学习」记录不完整：缺席未注明理由' }),
  reminder({ kind: 'anniversary', member: '王芳', member_id: 11, date: '2026-05-01', message: '王芳本月入党 20 周年（2006-05 入党）' }),
]

const COMMITTEE = { hospital_name: '滨江市第一人民医院', committee_name: '中共滨江市第一人民医院委员会' }

const OBLIGATIONS: Partial<Obligation>[] = [
  { code: 'committee_meeting', kind: 'committee_meeting' },
  { code: 'general_meeting', kind: 'general_meeting' },
  { code: 'secretary_lesson', kind: 'party_lesson' },
]

/** The core, answering `overview` once `overviewAnswers` resolves (at once by default). */
function fakeBackend(
  reminders: Reminder[] = REMINDERS,
  yearStats: (year: number) => YearStats = stats,
  overviewAnswers: Promise<void> = Promise.resolve(),
) {
  const calls: { cmd: string; args: Record<string, unknown> }[] = []
  mockIPC((cmd, payload) => {
    const args = (payload ?? {}) as Record<string, unknown>
    calls.push({ cmd, args })
    switch (cmd) {
      case 'overview':
        return overviewAnswers.then(() => ({ today: TODAY, year: 2026, committee: COMMITTEE, reminders, obligations: OBLIGATIONS }))
      case 'year_stats':
        return yearStats(args.year as number)
      case 'plugin:dialog|save':
        return `/tmp/${(args.options as { defaultPath: string }).defaultPath}`
      case 'stats_export':
        return ['支部汇总', '组织生活']
      default:
        throw { code: 'internal', message: `unexpected command ${cmd}` }
    }
  })
  return { calls }
}

const items = (kind: string) => [...document.querySelectorAll<HTMLElement>(`[data-testid="reminder-item"][data-kind="${kind}"]`)]

// A tall window unless a test says otherwise: the year's section is in sight at once.
beforeEach(() => {
  FakeIntersectionObserver.showAtOnce = true
  vi.stubGlobal('IntersectionObserver', FakeIntersectionObserver)
})
afterEach(() => {
  FakeIntersectionObserver.showAtOnce = false
  vi.unstubAllGlobals()
  clearMocks()
  document.body.innerHTML = ''
})



describe('OverviewPage', () => {
  it('exports the shown year’s statistics workbook where the user chooses', async () => {
    const backend = fakeBackend()
    await mountRouted(OverviewPage)

    await click(byTestId('overview-export-stats'))
    const saved = backend.calls.find((c) => c.cmd === 'stats_export')
    expect(saved?.args, 'the year on screen, written where the dialog said').toEqual({
      year: 2026,
      out: '/tmp/2026年党建统计.xlsx',
    })
  })

  it('opens with one call for the to-do list, then asks for the figures of the app’s year once they are near', async () => {
    const backend = fakeBackend()
    await mountRouted(OverviewPage)

    expect(backend.calls, 'the to-do list as of today, then the figures of today’s year').toEqual([
      { cmd: 'overview', args: {} },
      { cmd: 'year_stats', args: { year: 2026 } },
    ])
    expect(document.querySelector('[data-testid="reminder-skeleton"]')).toBeNull()
    expect(byTestId('overview-members').textContent).toBe('148')
  })

  it('asks for another year’s figures alone when the year changes, and for all again when the data changes', async () => {
    const backend = fakeBackend()
    await mountRouted(OverviewPage)
    const app = useAppStore()

    // The year picker is a chunk of its own, loaded with the year's section.
    const yearInput = await vi.waitFor(() => {
      const input = byTestId('overview-year').querySelector('input')
      if (!input) throw new Error('the year picker is not drawn yet')
      return input
    })
    await type(yearInput, '2025')
    expect(backend.calls.slice(2), 'only the figures of the chosen year').toEqual([{ cmd: 'year_stats', args: { year: 2025 } }])

    app.dataReplaced()
    await settle()
    expect(backend.calls.slice(3), 'everything again, of the year on screen').toEqual([
      { cmd: 'overview', args: {} },
      { cmd: 'year_stats', args: { year: 2025 } },
    ])
  })

  it('lists the to-do items as of the app’s today, grouped by kind in order, with counts', async () => {
    fakeBackend()
    await mountRouted(OverviewPage)

    const groups = [...document.querySelectorAll<HTMLElement>('[data-testid="reminder-group"]')]
    expect(groups.map((g) => g.dataset.kind), 'groups should follow the core’s urgency order, empty kinds left out').toEqual([
      'overdue',
      'probation_overdue',
      'lapse_alarm',
      'due',
      'incomplete_record',
      'anniversary',
    ])
    expect(groups[0]!.textContent, 'a group should carry its Chinese name').toContain('逾期未开展')
    expect(texts('[data-testid="reminder-count"]'), 'each group should count its items').toEqual(['2', '1', '1', '1', '1', '1'])
    const red = groups.map((g) => g.classList.contains('todo__group--danger'))
    expect(red, 'overdue meetings, an overdue probation and a six-month lapse should be emphasised').toEqual([
      true,
      true,
      true,
      false,
      false,
      false,
    ])
    expect(items('overdue')[0]!.textContent).toContain('2026年3月的支部委员会会议未开展')
  })

  it('groups the kinds in the order the core lists them, not in an order of its own', async () => {
    // Not an order the core uses today: the page must follow the list, whatever it is.
    fakeBackend([
      reminder({ kind: 'anniversary', member: '王芳', member_id: 11, date: '2026-05-01', message: '王芳本月入党 20 周年' }),
      reminder({ kind: 'lapse_warning', member: '赵刚', member_id: 13, date: TODAY, message: '赵刚近 3 个月未参加组织生活' }),
      reminder({ kind: 'anniversary', member: '陈静', member_id: 14, date: '2026-05-09', message: '陈静本月入党 10 周年' }),
      reminder({ kind: 'overdue', obligation: 'committee_meeting', period: '2026-03', date: '2026-03-31', message: '支委会未开展' }),
    ])
    await mountRouted(OverviewPage)

    const groups = [...document.querySelectorAll<HTMLElement>('[data-testid="reminder-group"]')]
    expect(groups.map((g) => g.dataset.kind), 'each kind where it first appears').toEqual([
      'anniversary',
      'lapse_warning',
      'overdue',
    ])
    expect(texts('[data-testid="reminder-count"]')).toEqual(['2', '1', '1'])
    expect(groups[2]!.classList, 'overdue stays red wherever it comes').toContain('todo__group--danger')
    expect(groups[1]!.classList, 'a three-month lapse is a warning, not red').not.toContain('todo__group--danger')
  })

  it('makes each item one click from where it is fixed', async () => {
    fakeBackend()
    const { router } = await mountRouted(OverviewPage)
    const where = () => ({ path: router.currentRoute.value.path, query: { ...router.currentRoute.value.query } })

    await click(items('overdue')[0]!)
    expect(where(), 'an overdue month should open a new record of its kind, dated in that month').toEqual({
      path: '/meetings',
      query: { branch: '2', year: '2026', kind: 'committee_meeting', new: '1', date: '2026-03-31' },
    })

    await click(items('overdue')[1]!)
    expect(where().query, 'the secretary’s lesson is recorded as a party lesson').toEqual({
      branch: '3',
      year: '2025',
      kind: 'party_lesson',
      new: '1',
      date: '2025-12-31',
    })

    await click(items('due')[0]!)
    expect(where().query, 'a due quarter should open a new record dated today').toEqual({
      branch: '2',
      year: '2026',
      kind: 'general_meeting',
      new: '1',
      date: TODAY,
    })

    await click(items('incomplete_record')[0]!)
    expect(where(), 'an incomplete record should open that record').toEqual({
      path: '/meetings',
      query: { meeting: '55', branch: '2', year: '2026' },
    })

    await click(items('probation_overdue')[0]!)
    expect(where(), 'a member’s item should open the member').toEqual({ path: '/members', query: { member: '12' } })
    await click(items('lapse_alarm')[0]!)
    expect(where().query).toEqual({ member: '13' })
  })

  it('folds a group, and shows a long group in part until asked for all', async () => {
    const many = Array.from({ length: 14 }, (_, i) =>
      reminder({ kind: 'overdue', obligation: 'committee_meeting', period: '2026-01', date: '2026-01-31', branch_id: 100 + i, message: `支部${i}未开展` }),
    )
    fakeBackend(many)
    await mountRouted(OverviewPage)

    expect(items('overdue'), 'only the first ten should be listed at first').toHaveLength(10)
    await click(byTestId('reminder-show-all'))
    expect(items('overdue'), 'all should be listed when asked').toHaveLength(14)

    await click(byTestId('reminder-group-toggle'))
    expect(items('overdue'), 'a folded group should hide its items').toHaveLength(0)
    expect(byTestId('reminder-count').textContent, 'a folded group keeps its count').toBe('14')
  })

  it('says so when there is nothing to do', async () => {
    fakeBackend([])
    await mountRouted(OverviewPage)
    expect(byTestId('reminder-empty').textContent).toContain('没有待办事项')
  })

  it('shows the committee and the app year’s figures below, meetings labelled in Chinese', async () => {
    fakeBackend()
    await mountRouted(OverviewPage)

    expect(byTestId('overview-committee').textContent).toContain('中共滨江市第一人民医院委员会')
    expect(byTestId('overview-branches').textContent).toBe('9')
    expect(byTestId('overview-members').textContent).toBe('148')
    expect(document.body.textContent, 'the member card should split full and probationary').toContain(
      '正式党员 139 · 预备党员 9',
    )
    const meetings = byTestId('overview-meetings').textContent ?? ''
    expect(meetings, 'meeting kinds should carry their Chinese names').toContain('支部委员会会议104')
    expect(meetings).toContain('谈心谈话41')
    expect(byTestId('overview-hours').textContent).toContain('1,234.5')
    expect(byTestId('overview-served').textContent).toBe('3,671')
  })
  it('shows a skeleton while the to-do list is being worked out', async () => {
    mockIPC((cmd) => {
      if (cmd === 'overview') return new Promise(() => {})
      throw { code: 'internal', message: `unexpected command ${cmd}` }
    })
    await mountRouted(OverviewPage)
    expect(document.querySelector('[data-testid="reminder-skeleton"]'), 'a skeleton should stand in for the list').not.toBeNull()
    expect(document.querySelector('[data-testid="reminder-empty"]'), 'an unfinished list is not an empty one').toBeNull()
  })

  it('shows the year’s brand work as the core counts it: activities, people served, hours, participation, honors, suggestions', async () => {
    fakeBackend()
    await mountRouted(OverviewPage)

    const totals = byTestId('overview-brand-totals')
    expect(byTestId('overview-activities', totals).textContent).toBe('25')
    expect(byTestId('overview-served', totals).textContent).toBe('3,671')
    expect(byTestId('overview-hours', totals).textContent).toContain('1,234.5')
    expect(byTestId('overview-outside-hours', totals).textContent, 'the outside volunteers’ part of the hours').toContain(
      '其中院外志愿者 30 小时',
    )
    expect(byTestId('overview-participation', totals).textContent).toBe('62.5%')
    expect(byTestId('overview-honors', totals).textContent).toBe('4')
    expect(byTestId('overview-suggestions', totals).textContent).toContain('10')
    expect(byTestId('overview-suggestions-done', totals).textContent).toContain('办结 6 条')
  })

  it('does not take the year’s section as seen beside the skeleton, before the to-do list is drawn', async () => {
    // A tall window: everything drawn is in view at once, the section too.
    let answer = () => {}
    const backend = fakeBackend(REMINDERS, stats, new Promise<void>((resolve) => (answer = resolve)))
    await mountRouted(OverviewPage)
    expect(byTestId('reminder-skeleton'), 'the to-do list is still coming').not.toBeNull()
    expect(document.querySelector('[data-testid="overview-year"]'), 'the section is not drawn beside the skeleton').toBeNull()
    expect(backend.calls.map((c) => c.cmd), 'no figures asked for beside the skeleton').toEqual(['overview'])

    answer()
    await settle()
    expect(document.querySelector('[data-testid="reminder-skeleton"]')).toBeNull()
    expect(backend.calls.map((c) => c.cmd), 'the figures once the list is drawn and the section still in view').toEqual([
      'overview',
      'year_stats',
    ])
    expect(byTestId('overview-members').textContent).toBe('148')
  })

  it('draws the year’s figures and charts only once they are scrolled near', async () => {
    FakeIntersectionObserver.showAtOnce = false
    const backend = fakeBackend()
    await mountRouted(OverviewPage)
    expect(document.querySelector('[data-testid="reminder-group"]'), 'the to-do list is drawn at once').not.toBeNull()
    expect(document.querySelector('[data-testid="overview-members"]'), 'no figures while out of sight').toBeNull()
    expect(document.querySelector('.echart-stub'), 'no chart while out of sight').toBeNull()
    expect(backend.calls.map((c) => c.cmd), 'no figures asked for while out of sight').toEqual(['overview'])

    FakeIntersectionObserver.current!.show()
    await settle()
    expect(byTestId('overview-members').textContent).toBe('148')
    expect(document.querySelectorAll('.echart-stub'), 'the three charts once they come near').toHaveLength(3)
  })

  it('charts activities by month, hours by branch and people served by brand from the core’s figures', async () => {
    fakeBackend()
    await mountRouted(OverviewPage)

    const months = chartOption('overview-chart-months')
    expect(months.xAxis!.data[0]).toBe('1月')
    expect(months.series[0]!.data, 'one bar per month, the core’s counts').toEqual([2, 2, 3, 2, 2, 2, 2, 2, 2, 2, 2, 2])

    const branches = chartOption('overview-chart-branches')
    expect(branches.yAxis!.data, 'branches with hours, the most on top (the axis runs upwards)').toEqual([
      '外科党支部',
      '内科第一党支部',
    ])
    expect(branches.series[0]!.data).toEqual([204, 1000.5])

    const brands = chartOption('overview-chart-brands')
    expect(brands.series[0]!.data).toEqual([
      { name: '中医药服务大篷车', value: 3000 },
      { name: '精准百分百', value: 671 },
    ])
  })

  it('says so instead of drawing empty charts for a year without brand work', async () => {
    fakeBackend(REMINDERS, (year) => ({
      ...stats(year),
      activities_by_month: Array(12).fill(0),
      people_served_by_brand: [],
      per_branch: [branchYear(2, '内科第一党支部', 0)],
    }))
    await mountRouted(OverviewPage)

    for (const id of ['overview-chart-months', 'overview-chart-branches', 'overview-chart-brands']) {
      expect(byTestId(id).querySelector('.echart-stub'), `${id} should draw nothing`).toBeNull()
      expect(byTestId(id).querySelector('.el-empty'), `${id} should say there is nothing yet`).not.toBeNull()
    }
  })

  it('links a suggestion past its due date to that suggestion', async () => {
    fakeBackend([
      reminder({ kind: 'suggestion_overdue', suggestion_id: 31, date: '2026-05-10', message: '“门诊停车难”逾期未办结' }),
    ])
    const { router } = await mountRouted(OverviewPage)

    expect(items('suggestion_overdue')[0]!.textContent).toContain('查看意见建议')
    await click(items('suggestion_overdue')[0]!)
    expect(router.currentRoute.value.path).toBe('/suggestions')
    expect(router.currentRoute.value.query).toEqual({ id: '31' })
  })
})
