import { afterEach, describe, expect, it, vi } from 'vitest'
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks'
import type { Activity } from '@/generated/Activity'
import type { Branch } from '@/generated/Branch'
import type { Brand } from '@/generated/Brand'
import type { BrandStory } from '@/generated/BrandStory'
import type { Member } from '@/generated/Member'
import type { Participant } from '@/generated/Participant'
import type { ParticipantKind } from '@/generated/ParticipantKind'
import type { TargetProgress } from '@/generated/TargetProgress'
import { blankBranch } from '@/api/branches'
import { blankActivity, blankBrand } from '@/api/brandWork'
import { blankMember } from '@/api/members'
import {
  answerNewestMessageBox,
  branchView,
  button,
  byTestId,
  choose,
  click,
  el,
  pickRadio,
  settle,
  texts,
  toasts,
  type,
} from '@/components/specHelpers'
import { mountRouted } from './mountRouted'
import BrandsPage from './BrandsPage.vue'

const TODAY = '2026-05-20'

const member = (id: number, name: string, branchId: number): Member => ({ ...blankMember(branchId), id, name })
const LI = member(12, '李明', 3)
const WANG_2 = member(11, '王芳', 2)
const WANG_3 = member(13, '王芳', 3)

const BREATH: Brand = {
  ...blankBrand(2),
  id: 7,
  name: '同心向党，畅享呼吸',
  slogan: '呼吸与共',
  meaning: '党员与患者同呼吸共命运',
  versions: [
    { version: '1.0', started_on: '2019', summary: '义诊进社区' },
    { version: '2.0', started_on: '2023-05', summary: '健康共富·党建联建' },
  ],
  targets: [
    { year: 2026, measure: 'activities', activity_kind: '义诊', target: 12 },
    { year: 2026, measure: 'volunteer_hours', activity_kind: null, target: 100 },
  ],
}
const PRECISE: Brand = { ...blankBrand(3), id: 8, name: '精准百分百', slogan: '精准检验' }

const progress2026: TargetProgress[] = [
  { brand_id: 7, brand: BREATH.name, year: 2026, measure: 'activities', activity_kind: '义诊', label: '义诊次数', target: 12, actual: 3, percent: 25 },
  { brand_id: 7, brand: BREATH.name, year: 2026, measure: 'volunteer_hours', activity_kind: null, label: '志愿服务时长', target: 100, actual: 125, percent: 125 },
]

const activity = (id: number, fields: Partial<Activity>): Activity => ({ ...blankActivity(2, '2026-03-01', '义诊'), id, ...fields })
const CLINIC = activity(301, {
  title: '新华村中医义诊',
  date: '2026-03-01',
  end_date: '2026-03-03',
  place: '新华村村委会',
  co_branch_ids: [3],
  brand_id: 7,
  people_served: 120,
  participants: [
    { member_id: 11, name: '王芳', kind: 'member', hours: 3 },
    { member_id: null, name: '张小红', kind: 'volunteer', hours: 2.5 },
  ],
})
const TALK = activity(302, { title: '高血压健康讲座', kind: '健康讲座', date: '2026-04-10', branch_id: 3, place: '社区卫生中心', people_served: 45 })

type Call = { cmd: string; args: Record<string, unknown> }

function fakeBackend() {
  const branches: Branch[] = [
    { ...blankBranch(), id: 2, name: '内科第一党支部' },
    { ...blankBranch(), id: 3, name: '外科党支部' },
    { ...blankBranch(), id: 4, name: '旧支部', archived: true },
  ]
  let brands = [BREATH, PRECISE]
  const calls: Call[] = []
  mockIPC((cmd, payload) => {
    const args = (payload ?? {}) as Record<string, unknown>
    calls.push({ cmd, args })
    switch (cmd) {
      case 'app_today':
        return TODAY
      case 'branch_list':
        return branches.map((b) => branchView(b))
      case 'brand_list':
        return brands
      case 'target_progress':
        return args.year === 2026 ? progress2026 : []
      case 'activity_kind_list':
        return ['义诊', '健康讲座']
      case 'partner_list':
        return [{ id: 31, name: '新华村党总支', kind: 'village', contact: null, phone: null, address: null, note: null }]
      case 'attachment_list':
        return []
      case 'member_list':
        return [WANG_2, LI, WANG_3]
      case 'brand_create': {
        const created = { ...(args.brand as Brand), id: 9 }
        brands = [...brands, created]
        return created
      }
      case 'brand_update':
        brands = brands.map((b) => (b.id === (args.brand as Brand).id ? (args.brand as Brand) : b))
        return args.brand
      case 'brand_delete':
        throw { code: 'invalid', message: '品牌「同心向党，畅享呼吸」下还有 1 项活动，不能删除；请先把这些活动改到其他品牌或删除' }
      case 'brand_story':
        return {
          brand: brands.find((b) => b.id === args.id)!,
          branch: '内科第一党支部',
          attachments: [],
          year: args.year as number,
          figures: {
            activities: 1,
            people_served: 120,
            volunteer_hours: 5.5,
            members_serving: 1,
            members_on_rolls: 4,
            participation_rate: 25,
          },
          progress: args.year === 2026 ? progress2026 : [],
          activities: [CLINIC],
          pairings: [
            {
              pairing: { id: 41, branch_id: 2, partner_id: 31, started_on: '2023-05', ended_on: '2026-05', content: '每月义诊一次' },
              branch: '内科第一党支部',
              partner: '新华村党总支',
              activities: [CLINIC],
            },
          ],
          honors: [],
        } satisfies BrandStory
      case 'activity_list':
        return [CLINIC, TALK].filter(
          (a) =>
            (args.year === null || a.date.startsWith(String(args.year))) &&
            (args.branchId === null || a.branch_id === args.branchId || a.co_branch_ids.includes(args.branchId as number)),
        )
      case 'activity_get':
        return [CLINIC, TALK].find((a) => a.id === args.id)
      case 'activity_create':
        return { ...(args.activity as Activity), id: 501 }
      case 'participant_resolve': {
        const name = args.name as string
        const kind = args.kind as ParticipantKind | null
        const hours = args.hours as number
        const members = [WANG_2, LI, WANG_3].filter((m) => m.name === name)
        if (kind === null) {
          if (members.length === 1) return { member_id: members[0]!.id, name, kind: 'member', hours } satisfies Participant
          if (members.length > 1) throw { code: 'invalid', message: `名册中有 2 名党员叫「${name}」（内科第一党支部、外科党支部），请从名册中选择` }
          throw { code: 'not_found', message: `名册中没有「${name}」` }
        }
        return { member_id: null, name, kind, hours } satisfies Participant
      }
      default:
        throw { code: 'internal', message: `unexpected command ${cmd}` }
    }
  })
  return { calls }
}

const callsOf = (calls: Call[], cmd: string) => calls.filter((c) => c.cmd === cmd).map((c) => c.args)
const lastCall = (calls: Call[], cmd: string) => callsOf(calls, cmd).at(-1)

async function mountAt(path = '/brands') {
  const mounted = await mountRouted(BrandsPage, path)
  await settle()
  return mounted
}

const cardOf = (name: string) => {
  const card = [...document.querySelectorAll('[data-testid="brand-card"]')].find((c) => c.textContent?.includes(name))
  if (!card) throw new Error(`expected a card for ${name}`)
  return card as HTMLElement
}
const cardNames = () => [...document.querySelectorAll('[data-testid="brand-card-name"]')].map((n) => n.firstChild?.textContent?.trim())
const titles = () => texts('[data-testid="activity-title"]')
const participantRows = () =>
  [...document.querySelectorAll('[data-testid="participant-row"]')].map((r) => [
    el('[data-testid="participant-name"]', r).textContent?.trim(),
    el('[data-testid="participant-kind"]', r).textContent?.trim(),
  ])
/** Sets an el-input-number (found by its data-testid) to `value`. */
const setNumber = (testId: string, value: number) => type(el<HTMLInputElement>('input', byTestId(testId)), String(value))

/** Opens the activities tab and a new activity's form, with title, kind, lead branch and people served. */
async function startActivity() {
  await click(byTestId('brands-tab-activities'))
  await click(byTestId('activity-new'))
  await type(byTestId<HTMLInputElement>('activity-form-title'), '枫南村义诊')
  await choose('activity-form-kind', '义诊')
  await choose('activity-form-branch', '外科党支部')
  await setNumber('activity-form-served', 80)
  await setNumber('activity-form-name-hours', 2)
}

async function addByName(name: string) {
  await type(byTestId<HTMLInputElement>('activity-form-name-input'), name)
  await click(byTestId('activity-form-name-add'))
  await settle()
}

afterEach(() => {
  clearMocks()
  document.body.innerHTML = ''
})

describe('BrandsPage — brands', () => {
  it('shows each brand with its branch, version, slogan and this year’s target progress', async () => {
    const backend = fakeBackend()
    await mountAt()

    expect(lastCall(backend.calls, 'target_progress'), 'the progress of the app’s year').toEqual({ year: 2026 })
    expect(cardNames()).toEqual(['同心向党，畅享呼吸', '精准百分百'])
    const breath = cardOf('同心向党，畅享呼吸')
    expect(byTestId('brand-card-branch', breath).textContent).toBe('内科第一党支部')
    expect(byTestId('brand-card-version', breath).textContent?.trim(), 'the current version is the last').toBe('2.0')
    expect(byTestId('brand-card-slogan', breath).textContent).toContain('呼吸与共')

    const bars = [...breath.querySelectorAll<HTMLElement>('[data-testid="brand-target"]')]
    expect(bars.map((b) => b.dataset.measure)).toEqual(['activities', 'volunteer_hours'])
    expect(texts('[data-testid="brand-target-label"]', breath)).toEqual(['义诊次数', '志愿服务时长'])
    expect(texts('[data-testid="brand-target-figures"]', breath)).toEqual(['3 / 12 次', '125 / 100 小时'])
    expect(texts('.el-progress__text', breath), 'the real percent, even beyond 100').toEqual(['25%', '125%'])
    const inner = el<HTMLElement>('.el-progress-bar__inner', bars[1]!)
    expect(inner.style.width, 'a beaten target’s bar stops at 100 %').toBe('100%')

    expect(byTestId('brand-progress-empty', cardOf('精准百分百')).textContent).toContain('2026 年未设目标')
  })

  it('narrows the brands by branch and by name', async () => {
    fakeBackend()
    await mountAt()

    await choose('brands-branch', '外科党支部')
    expect(cardNames()).toEqual(['精准百分百'])
    await choose('brands-branch', '全部支部')
    await type(byTestId<HTMLInputElement>('brand-search'), '呼吸')
    expect(cardNames()).toEqual(['同心向党，畅享呼吸'])
  })

  it('creates a brand with versions and yearly targets', async () => {
    const backend = fakeBackend()
    await mountAt()

    await click(byTestId('brand-new'))
    await choose('brand-form-branch', '外科党支部')
    await type(byTestId<HTMLInputElement>('brand-form-name'), ' 敬畏生命，醉美手护 ')
    await type(byTestId<HTMLInputElement>('brand-form-slogan'), '守护每一台手术')
    await type(byTestId<HTMLTextAreaElement>('brand-form-meaning'), '敬畏生命')

    await click(byTestId('brand-form-version-add'))
    await type(byTestId<HTMLInputElement>('brand-form-version-summary-0'), '麻醉安全')

    await click(byTestId('brand-form-target-add'))
    await choose('brand-form-target-kind-0', '义诊')
    await setNumber('brand-form-target-value-0', 12)
    await click(byTestId('brand-form-target-add'))
    await choose('brand-form-target-measure-1', '党员参与率')
    expect(document.querySelector('[data-testid="brand-form-target-kind-1"]'), 'only a count of activities has a kind').toBeNull()
    await setNumber('brand-form-target-value-1', 80)

    await click(byTestId('brand-form-save'))

    expect(callsOf(backend.calls, 'brand_create')).toEqual([
      {
        brand: {
          id: 0,
          branch_id: 3,
          name: '敬畏生命，醉美手护',
          slogan: '守护每一台手术',
          meaning: '敬畏生命',
          methods: null,
          goal: null,
          started_on: null,
          versions: [{ version: '1.0', started_on: null, summary: '麻醉安全' }],
          targets: [
            { year: 2026, measure: 'activities', activity_kind: '义诊', target: 12 },
            { year: 2026, measure: 'participation_rate', activity_kind: null, target: 80 },
          ],
        },
      },
    ])
    expect(cardNames(), 'the list is read again').toContain('敬畏生命，醉美手护')
    expect(lastCall(backend.calls, 'brand_story'), 'the new brand’s page opens').toEqual({ id: 9, year: 2026 })
  })

  it('opens a brand’s page with its story, figures, activities and pairings, and says why it cannot be deleted', async () => {
    const backend = fakeBackend()
    await mountAt()

    await click(cardOf('同心向党，畅享呼吸'))
    expect(lastCall(backend.calls, 'brand_story')).toEqual({ id: 7, year: 2026 })
    const story = byTestId('brand-story')
    expect(byTestId('brand-story-slogan', story).textContent).toContain('呼吸与共')
    expect(byTestId('brand-story-meaning', story).textContent).toBe('党员与患者同呼吸共命运')
    expect(byTestId('brand-story-versions', story).textContent).toContain('健康共富·党建联建')
    expect(byTestId('brand-story-rate', story).textContent).toContain('25%')
    expect(byTestId('brand-story-rate', story).textContent).toContain('1/4')
    expect(texts('[data-testid="brand-target-label"]', story)).toEqual(['义诊次数', '志愿服务时长'])
    const item = byTestId('brand-activity', story)
    expect(item.textContent).toContain('新华村中医义诊')
    expect(item.textContent, 'hours given and people taking part').toContain('5.5 小时')
    expect(byTestId('brand-story-pairings', story).textContent).toContain('新华村党总支')

    await click(byTestId('brand-story-delete'))
    await answerNewestMessageBox('删除')
    expect(lastCall(backend.calls, 'brand_delete')).toEqual({ id: 7 })
    await vi.waitFor(() => expect(toasts().join()).toContain('下还有 1 项活动，不能删除'))

    await click(item)
    expect(lastCall(backend.calls, 'activity_get'), 'an activity of the timeline opens').toEqual({ id: 301 })
  })
})

describe('BrandsPage — activities', () => {
  it('lists the year’s activities with their branches, brand and figures, narrowed by kind and text', async () => {
    const backend = fakeBackend()
    await mountAt()
    await click(byTestId('brands-tab-activities'))

    expect(lastCall(backend.calls, 'activity_list')).toEqual({ year: 2026, branchId: null })
    expect(titles()).toEqual(['新华村中医义诊', '高血压健康讲座'])
    const row = [...document.querySelectorAll('tr.activity-row')][0]!
    const cells = texts('td', row)
    expect(cells).toEqual(['2026-03-01 至 03-03', '义诊', '新华村中医义诊', '内科第一党支部', '外科党支部', '同心向党，畅享呼吸', '120', '2', '5.5'])

    await choose('activity-kind-filter', '健康讲座')
    expect(titles()).toEqual(['高血压健康讲座'])
    await type(byTestId<HTMLInputElement>('activity-search'), '村委会')
    expect(titles(), 'the search looks in the place').toEqual([])
  })

  it('follows a deep link to a branch’s activities of a year', async () => {
    const backend = fakeBackend()
    await mountAt('/brands?tab=activities&branch=3&year=2026')

    expect(lastCall(backend.calls, 'activity_list')).toEqual({ year: 2026, branchId: 3 })
    expect(titles(), 'an activity the branch co-organised is listed too').toEqual(['新华村中医义诊', '高血压健康讲座'])
  })

  it('opens an activity’s details with its participants', async () => {
    fakeBackend()
    await mountAt('/brands?activity=301')

    const detail = byTestId('activity-detail')
    expect(detail.textContent).toContain('新华村村委会')
    const people = byTestId('activity-detail-participants')
    expect(texts('tbody td', people)).toEqual(['王芳', '党员', '3', '张小红', '群众志愿者', '2.5'])
  })

  it('records an activity with a member from the roster and a confirmed outside volunteer', async () => {
    const backend = fakeBackend()
    await mountAt()
    await startActivity()

    await choose('activity-form-member-select', '李明（外科党支部）')
    await addByName('张小红')
    expect(byTestId('outside-question').textContent).toContain('「张小红」不在党员名册中，是否作为院外志愿者登记？')
    expect(participantRows(), 'nothing is added before the user answers').toEqual([['李明', '党员']])
    expect(byTestId<HTMLButtonElement>('outside-confirm').disabled, 'a kind must be chosen first').toBe(true)
    await pickRadio('outside-kind', '群众志愿者')
    await click(byTestId('outside-confirm'))

    expect(callsOf(backend.calls, 'participant_resolve')).toEqual([
      { name: '张小红', kind: null, hours: 2 },
      { name: '张小红', kind: 'volunteer', hours: 2 },
    ])
    expect(participantRows()).toEqual([
      ['李明', '党员'],
      ['张小红', '群众志愿者'],
    ])
    expect(byTestId('participants-total').textContent).toContain('共 2 人参与，志愿服务 4 小时')

    await click(byTestId('activity-form-save'))
    expect(lastCall(backend.calls, 'activity_create')?.activity).toEqual({
      ...blankActivity(3, TODAY, '义诊'),
      title: '枫南村义诊',
      people_served: 80,
      participants: [
        { member_id: 12, name: '李明', kind: 'member', hours: 2 },
        { member_id: null, name: '张小红', kind: 'volunteer', hours: 2 },
      ],
      brand_id: 8,
    })
    expect(byTestId('activity-form-saved').textContent, 'photos can be added once saved').toContain('可继续添加活动照片')
    expect(document.querySelector('[data-testid="activity-photos-add"]')).not.toBeNull()
  })

  it('adds nothing when the outside-volunteer question is cancelled', async () => {
    const backend = fakeBackend()
    await mountAt()
    await startActivity()

    await addByName('张小红')
    await click(byTestId('outside-cancel'))
    await settle()

    expect(participantRows()).toEqual([])
    expect(callsOf(backend.calls, 'participant_resolve'), 'the name is never registered with a kind').toEqual([
      { name: '张小红', kind: null, hours: 2 },
    ])
  })

  it('adds a member typed by name, and shows the core’s message for a name several members share', async () => {
    fakeBackend()
    await mountAt()
    await startActivity()

    await addByName('李明')
    expect(participantRows(), 'a member’s name adds the member').toEqual([['李明', '党员']])

    await addByName('王芳')
    expect(byTestId('participant-name-error').textContent).toContain('名册中有 2 名党员叫「王芳」')
    expect(participantRows()).toEqual([['李明', '党员']])
    expect(document.querySelector('[data-testid="outside-dialog"]')?.closest('.el-overlay'), 'no outside question').toBeFalsy()
  })

  it('offers only the organising branches’ brands', async () => {
    fakeBackend()
    await mountAt()
    await startActivity()

    await click(el('.el-select__wrapper', byTestId('activity-form-brand')))
    const listId = el('input', byTestId('activity-form-brand')).getAttribute('aria-controls')!
    expect(texts('.el-select-dropdown__item', document.getElementById(listId)!)).toEqual(['精准百分百'])
    await click(button('取消', el('[data-testid="activity-form"]').closest('.el-dialog')!))
  })
})
