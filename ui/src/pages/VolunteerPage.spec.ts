import { afterEach, describe, expect, it, vi } from 'vitest'
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks'
import type { Branch } from '@/generated/Branch'
import type { BranchYear } from '@/generated/BranchYear'
import type { PersonService } from '@/generated/PersonService'
import type { YearStats } from '@/generated/YearStats'
import { blankBranch } from '@/api/branches'
import { branchView, byTestId, choose, click, texts, type } from '@/components/specHelpers'
import { mountRouted } from './mountRouted'
import VolunteerPage from './VolunteerPage.vue'

const TODAY = '2026-05-20'

const branchYear = (fields: Partial<BranchYear> & Pick<BranchYear, 'branch_id' | 'branch'>): BranchYear => ({
  activities: 0,
  people_served: 0,
  volunteer_hours: 0,
  members_serving: 0,
  members_on_rolls: 0,
  participation_rate: 0,
  honors: 0,
  suggestions_done: 0,
  targets: [],
  ...fields,
})

/**
 * The core's figures for 2026. The committee's totals are deliberately not the
 * column sums (a joint activity is listed under both branches, counted once),
 * so a page that added the columns up would show other numbers.
 */
const stats = (year: number): YearStats => ({
  year,
  branches: 2,
  general_branches: 0,
  members: { total: 30, full: 28, probationary: 2 },
  meetings: {},
  activities: year === 2026 ? 5 : 1,
  activities_by_kind: {},
  activities_by_month: Array(12).fill(0),
  volunteer_hours: year === 2026 ? 86.5 : 4,
  outside_volunteer_hours: 6,
  people_served: 1210,
  members_serving: 5,
  members_on_rolls: 12,
  participation_rate: 41.7,
  honors: 0,
  suggestions_raised: 0,
  suggestions_done: 0,
  people_served_by_brand: [],
  per_branch:
    year === 2026
      ? [
          branchYear({ branch_id: 2, branch: '内科第一党支部', activities: 4, people_served: 1000, volunteer_hours: 60.5, members_serving: 3, members_on_rolls: 12, participation_rate: 25 }),
          branchYear({ branch_id: 3, branch: '外科党支部', activities: 2, people_served: 210, volunteer_hours: 26, members_serving: 2, members_on_rolls: 12, participation_rate: 16.7 }),
        ]
      : [branchYear({ branch_id: 2, branch: '内科第一党支部', activities: 1, volunteer_hours: 4 })],
})

const PEOPLE: PersonService[] = [
  {
    member_id: 11,
    name: '王芳',
    kind: 'member',
    hours: 7.5,
    entries: [
      { activity_id: 1, title: '新华村中医义诊', kind: '义诊', date: '2026-03-05', place: '新华村卫生室', hours: 3, branch_id: 2 },
      { activity_id: 4, title: '社区健康讲座', kind: '健康宣教', date: '2026-04-18', place: null, hours: 2.5, branch_id: 3 },
      { activity_id: 6, title: '急救培训进校园', kind: '急救培训', date: '2026-05-09', place: '枫南小学', hours: 2, branch_id: 3 },
    ],
  },
  {
    member_id: null,
    name: '陈小雨',
    kind: 'volunteer',
    hours: 6,
    entries: [
      { activity_id: 1, title: '新华村中医义诊', kind: '义诊', date: '2026-03-05', place: '新华村卫生室', hours: 6, branch_id: 2 },
    ],
  },
  {
    member_id: null,
    name: '林团团',
    kind: 'league_member',
    hours: 2,
    entries: [{ activity_id: 4, title: '社区健康讲座', kind: '健康宣教', date: '2026-04-18', place: null, hours: 2, branch_id: 3 }],
  },
]

function fakeBackend() {
  const branches: Branch[] = [
    { ...blankBranch(), id: 2, name: '内科第一党支部' },
    { ...blankBranch(), id: 3, name: '外科党支部' },
  ]
  const calls: { cmd: string; args: Record<string, unknown> }[] = []
  mockIPC((cmd, payload) => {
    const args = (payload ?? {}) as Record<string, unknown>
    calls.push({ cmd, args })
    switch (cmd) {
      case 'app_today':
        return TODAY
      case 'branch_list':
        return branches.map((b) => branchView(b))
      case 'committee_get':
        return { hospital_name: '滨江市第一人民医院', committee_name: '中共滨江市第一人民医院委员会' }
      case 'year_stats':
        return stats(args.year as number)
      case 'volunteer_people':
        return args.year === 2026 || args.year === null ? PEOPLE : []
      default:
        throw { code: 'internal', message: `unexpected command ${cmd}` }
    }
  })
  return { calls }
}

type Calls = ReturnType<typeof fakeBackend>['calls']
const lastCall = (calls: Calls, cmd: string) => calls.filter((c) => c.cmd === cmd).at(-1)?.args

const branchNames = () => texts('[data-testid="volunteer-branch-row"]')
const personNames = () => texts('[data-testid="volunteer-person-row"]')
const totalsRow = () =>
  texts('[data-testid="volunteer-branch-table"] .el-table__footer-wrapper td .cell')
const branchRow = (name: string) =>
  [...document.querySelectorAll<HTMLElement>('tr.volunteer-branch')].find((r) => r.textContent?.includes(name))!
const personRow = (name: string) =>
  [...document.querySelectorAll<HTMLElement>('tr.volunteer-person')].find((r) => r.textContent?.includes(name))!
const showPeople = () => click(document.getElementById('tab-people')!)

afterEach(() => {
  clearMocks()
  vi.restoreAllMocks()
  document.body.innerHTML = ''
  document.body.className = ''
})

describe('VolunteerPage', () => {
  it('lists each branch’s figures of the app’s year, with the core’s committee totals, not column sums', async () => {
    const backend = fakeBackend()
    await mountRouted(VolunteerPage, '/volunteer')

    expect(lastCall(backend.calls, 'year_stats')).toEqual({ year: 2026 })
    expect(branchNames()).toEqual(['内科第一党支部', '外科党支部'])
    const row = branchRow('内科第一党支部')
    expect(byTestId('volunteer-branch-activities', row).textContent).toBe('4')
    expect(byTestId('volunteer-branch-served', row).textContent).toBe('1,000')
    expect(byTestId('volunteer-branch-hours', row).textContent).toBe('60.5')
    expect(byTestId('volunteer-branch-members', row).textContent).toBe('3/12')
    expect(byTestId('volunteer-branch-rate', row).textContent).toContain('25%')
    expect(byTestId('volunteer-branch-rate', branchRow('外科党支部')).textContent).toContain('16.7%')

    expect(totalsRow(), 'the committee’s own totals: 5 activities, not 4 + 2').toEqual([
      '全院合计',
      '5',
      '1,210',
      '86.5',
      '5/12',
      '41.7%',
    ])
  })

  it('narrows the branches by the branch filter and the search', async () => {
    fakeBackend()
    await mountRouted(VolunteerPage, '/volunteer')

    await choose('volunteer-branch', '外科党支部')
    expect(branchNames()).toEqual(['外科党支部'])
    await choose('volunteer-branch', '全部支部')
    await type(byTestId<HTMLInputElement>('volunteer-search'), '内科')
    expect(branchNames()).toEqual(['内科第一党支部'])
  })

  it('asks the core for another year, and for every year in the by-person view', async () => {
    const backend = fakeBackend()
    await mountRouted(VolunteerPage, '/volunteer')

    await choose('volunteer-year', '2025年')
    expect(lastCall(backend.calls, 'year_stats')).toEqual({ year: 2025 })
    expect(lastCall(backend.calls, 'volunteer_people')).toEqual({ year: 2025 })
    expect(totalsRow()[1]).toBe('1')

    await choose('volunteer-year', '全部年份')
    expect(lastCall(backend.calls, 'volunteer_people')).toEqual({ year: null })
    expect(byTestId('volunteer-branch-needs-year').textContent, 'branch figures are per year').toContain('请在左上角选择年份')
    await showPeople()
    expect(personNames()).toEqual(['王芳', '陈小雨', '林团团'])
  })

  it('lists each person with their kind, activities and hours, narrowed by the branch credited and by name', async () => {
    fakeBackend()
    await mountRouted(VolunteerPage, '/volunteer')
    await showPeople()

    expect(personNames()).toEqual(['王芳', '陈小雨', '林团团'])
    expect(texts('[data-testid="volunteer-person-kind"]')).toEqual(['党员', '群众志愿者', '团员'])
    expect(texts('[data-testid="volunteer-person-count"]')).toEqual(['3', '1', '1'])
    expect(texts('[data-testid="volunteer-person-hours"]'), 'the core’s totals').toEqual(['7.5', '6', '2'])

    await choose('volunteer-branch', '内科第一党支部')
    expect(personNames(), 'people with hours credited to 内科').toEqual(['王芳', '陈小雨'])
    await choose('volunteer-branch', '外科党支部')
    expect(personNames()).toEqual(['王芳', '林团团'])
    await choose('volunteer-branch', '全部支部')

    await type(byTestId<HTMLInputElement>('volunteer-search'), '陈')
    expect(personNames()).toEqual(['陈小雨'])
  })

  it('opens a person’s record and prints their certificate with every activity and the core’s total', async () => {
    fakeBackend()
    await mountRouted(VolunteerPage, '/volunteer')
    await showPeople()
    // The test DOM has no print dialog.
    const print = vi.fn()
    Object.defineProperty(window, 'print', { value: print, configurable: true, writable: true })

    await click(personRow('王芳'))
    expect(texts('[data-testid="volunteer-entry-title"]')).toEqual(['新华村中医义诊', '社区健康讲座', '急救培训进校园'])
    expect(texts('[data-testid="volunteer-entry-branch"]'), 'the branch each entry’s hours are credited to').toEqual([
      '内科第一党支部',
      '外科党支部',
      '外科党支部',
    ])
    expect(byTestId('volunteer-person-summary').textContent).toContain('2026年共参加 3 次，志愿服务时长 7.5 小时')

    await click(byTestId('volunteer-print-certificate'))
    const certificate = byTestId('volunteer-certificate')
    expect(byTestId('volunteer-certificate-name', certificate).textContent).toBe('王芳')
    const text = byTestId('volunteer-certificate-text', certificate).textContent!.replace(/\s+/g, '')
    expect(text).toContain('（党员）于2026年度参加滨江市第一人民医院组织开展的志愿服务活动3次，累计志愿服务时长7.5小时')
    const entries = [...certificate.querySelectorAll('[data-testid="volunteer-certificate-entry"]')].map((r) =>
      [...r.querySelectorAll('td')].map((td) => td.textContent?.trim()),
    )
    expect(entries).toEqual([
      ['1', '2026-03-05', '新华村中医义诊', '义诊', '新华村卫生室', '3'],
      ['2', '2026-04-18', '社区健康讲座', '健康宣教', '', '2.5'],
      ['3', '2026-05-09', '急救培训进校园', '急救培训', '枫南小学', '2'],
    ])
    expect(byTestId('volunteer-certificate-total', certificate).textContent).toBe('7.5')
    expect(byTestId('volunteer-certificate-issuer', certificate).textContent).toBe('中共滨江市第一人民医院委员会')
    expect(certificate.textContent).toContain('（盖章）')
    expect(byTestId('volunteer-certificate-date', certificate).textContent).toBe('2026年5月20日')
    expect(document.body.classList, 'only the certificate is printed while it is open').toContain('has-print-sheet')

    await click(byTestId('print-sheet-print'))
    expect(print).toHaveBeenCalledTimes(1)
    await click(byTestId('print-sheet-close'))
    expect(document.querySelector('[data-testid="volunteer-certificate"]')).toBeNull()
    expect(document.body.classList).not.toContain('has-print-sheet')
  })

  it('dates the certificate of all years by its first and last activity', async () => {
    fakeBackend()
    await mountRouted(VolunteerPage, '/volunteer')
    await choose('volunteer-year', '全部年份')
    await showPeople()

    await click(personRow('王芳'))
    await click(byTestId('volunteer-print-certificate'))
    expect(byTestId('volunteer-certificate-text').textContent!.replace(/\s+/g, '')).toContain(
      '于2026年3月5日至2026年5月9日期间参加',
    )
  })
})
