import { afterEach, describe, expect, it } from 'vitest'
import { mount } from '@vue/test-utils'
import { createPinia } from 'pinia'
import { createMemoryHistory, createRouter, type Router } from 'vue-router'
import ElementPlus from 'element-plus'
import zhCn from 'element-plus/es/locale/lang/zh-cn'
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks'
import type { Branch } from '@/generated/Branch'
import type { LedgerEntry } from '@/generated/LedgerEntry'
import type { Meeting } from '@/generated/Meeting'
import type { Member } from '@/generated/Member'
import { blankBranch } from '@/api/branches'
import { blankMeeting } from '@/api/meetings'
import { blankMember } from '@/api/members'
import { answerNewestMessageBox, branchView, byTestId, choose, click, settle, texts, type } from '@/components/specHelpers'
import MeetingsPage from './MeetingsPage.vue'

const TODAY = '2026-05-20'

const meeting = (id: number, branchId: number, fields: Partial<Meeting>): Meeting => ({
  ...blankMeeting(branchId, '2026-01-01'),
  id,
  start_time: '14:30',
  place: '示教室',
  chair: '王芳',
  recorder: '李明',
  content: '学习讨论',
  ...fields,
})

/** A year's ledger: three records of one branch, one of another; the 2025 ledger has one. */
function fakeBackend() {
  const branches: Branch[] = [
    { ...blankBranch(), id: 2, name: '内科第一党支部' },
    { ...blankBranch(), id: 3, name: '外科党支部' },
  ]
  const member: Member = { ...blankMember(2), probation_extension_months: null, id: 11, name: '王芳' }
  let ledger: LedgerEntry[] = [
    {
      meeting: meeting(101, 2, {
        kind: 'general_meeting',
        date: '2026-02-10',
        topic: '学习贯彻全会精神',
        attendance: [{ member_id: 11, name: '王芳', status: 'present', reason: null }],
      }),
      findings: [],
      expected: 1,
      present: 1,
      attachments: [
        {
          id: 1,
          owner_kind: 'meeting',
          owner_id: 101,
          file_name: '签到表.jpg',
          sha256: 'a'.repeat(64),
          size: 1000,
          added_at: '2026-02-10 18:00:00',
        },
      ],
    },
    {
      meeting: meeting(102, 2, {
        kind: 'party_lesson',
        date: '2026-03-18',
        topic: '医德医风专题党课',
        place: '门诊楼会议室',
        start_time: null,
      }),
      findings: [
        { kind: 'missing_time', message: '未记录开始时间：请补记会议开始时间' },
        { kind: 'missing_lecturer', message: '党课未记录授课人：请补记授课人' },
      ],
      expected: 3,
      present: 2,
      attachments: [],
    },
    {
      meeting: meeting(103, 2, {
        kind: 'org_life_meeting',
        date: '2026-04-22',
        topic: '年度组织生活会',
        chair: '赵刚',
        also_counts: ['democratic_review'],
      }),
      findings: [],
      expected: 3,
      present: 3,
      attachments: [],
    },
    {
      meeting: meeting(201, 3, { kind: 'theme_day', date: '2026-05-05', topic: '义诊进社区' }),
      findings: [],
      expected: 5,
      present: 5,
      attachments: [],
    },
  ]
  const lastYear: LedgerEntry[] = [
    {
      meeting: meeting(90, 2, { kind: 'general_meeting', date: '2025-12-01', topic: '换届选举' }),
      findings: [],
      expected: 1,
      present: 1,
      attachments: [],
    },
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
      case 'group_list':
        return []
      case 'member_list':
        return [member]
      case 'meeting_expected':
        return [member]
      case 'meeting_ledger': {
        // As the core lists them: no attendance rows or long texts; meeting_get has the record.
        const year = args.year === 2025 ? lastYear : ledger
        return year
          .filter((e) => args.branchId === null || e.meeting.branch_id === args.branchId)
          .map((e) => ({ ...e, meeting: { ...e.meeting, attendance: [], content: null, decisions: null, vote: null } }))
      }
      case 'meeting_get': {
        const found = [...ledger, ...lastYear].find((e) => e.meeting.id === args.id)
        if (!found) throw { code: 'not_found', message: '找不到该会议记录' }
        return found
      }
      case 'meeting_update': {
        const updated = args.meeting as Meeting
        const entry = { ...ledger.find((e) => e.meeting.id === updated.id)!, meeting: updated }
        ledger = ledger.map((e) => (e.meeting.id === updated.id ? entry : e))
        return entry
      }
      case 'meeting_delete':
        ledger = ledger.filter((e) => e.meeting.id !== args.id)
        return null
      default:
        throw { code: 'internal', message: `unexpected command ${cmd}` }
    }
  })
  return { calls }
}

type Calls = ReturnType<typeof fakeBackend>['calls']
const callsOf = (calls: Calls, cmd: string) => calls.filter((c) => c.cmd === cmd).map((c) => c.args)
const lastCall = (calls: Calls, cmd: string) => callsOf(calls, cmd).at(-1)

/** Mounts the page at `path` with a router, Element Plus and Pinia, as the app does. */
async function mountAt(path: string): Promise<Router> {
  const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/meetings', component: MeetingsPage }] })
  await router.push(path)
  await router.isReady()
  mount(MeetingsPage, {
    global: { plugins: [[ElementPlus, { locale: zhCn }], createPinia(), router] },
    attachTo: document.body,
  })
  await settle()
  await settle()
  return router
}

const topics = () => texts('[data-testid="meeting-topic"]')
const rowOf = (topic: string) => {
  const row = [...document.querySelectorAll<HTMLElement>('tr.meeting-row')].find((r) =>
    r.textContent?.includes(topic),
  )
  if (!row) throw new Error(`expected a ledger row for ${topic}; the ledger lists ${topics().join(', ')}`)
  return row
}
const dialogOpen = () => {
  const dialog = document.querySelector<HTMLElement>('[data-testid="meeting-form"]')
  return !!dialog && dialog.offsetParent !== null && getComputedStyle(dialog.closest('.el-overlay') ?? dialog).display !== 'none'
}

afterEach(() => {
  clearMocks()
  document.body.innerHTML = ''
})

describe('MeetingsPage', () => {
  it('lists the year’s records with their counts, the obligations they also count for and their completeness', async () => {
    const backend = fakeBackend()
    await mountAt('/meetings')

    expect(lastCall(backend.calls, 'meeting_ledger'), 'the ledger of the app’s year, every branch').toEqual({
      year: 2026,
      branchId: null,
    })
    expect(topics()).toEqual(['学习贯彻全会精神', '医德医风专题党课', '年度组织生活会', '义诊进社区'])
    expect(document.querySelectorAll('tr.meeting-row').length).toBe(4)

    const complete = byTestId('meeting-findings', rowOf('学习贯彻全会精神'))
    expect(texts('.el-tag', complete), 'a complete record is marked 完整').toEqual(['完整'])
    const lesson = byTestId('meeting-findings', rowOf('医德医风专题党课'))
    expect(texts('.el-tag', lesson), 'an incomplete record shows one red mark per finding').toEqual([
      '未记录开始时间',
      '党课未记录授课人',
    ])
    expect([...lesson.querySelectorAll('.el-tag')].every((t) => t.classList.contains('el-tag--danger'))).toBe(true)

    expect(byTestId('meeting-attendance', rowOf('医德医风专题党课')).textContent).toBe('3/2')
    expect(byTestId('meeting-also', rowOf('年度组织生活会')).textContent?.trim()).toBe('兼民主评议党员')
    expect(byTestId('meeting-attachments-count', rowOf('学习贯彻全会精神')).textContent).toBe('1')
    expect(byTestId('meetings-count').textContent).toContain('共 4 条记录，其中 1 条不完整')
  })

  it('narrows the ledger by branch, year, search text and kind', async () => {
    const backend = fakeBackend()
    await mountAt('/meetings')

    await choose('meetings-branch', '内科第一党支部')
    expect(lastCall(backend.calls, 'meeting_ledger')).toEqual({ year: 2026, branchId: 2 })
    expect(topics()).toEqual(['学习贯彻全会精神', '医德医风专题党课', '年度组织生活会'])

    await type(byTestId<HTMLInputElement>('meetings-search'), '门诊楼')
    expect(topics(), 'the search should look in the place too').toEqual(['医德医风专题党课'])
    await type(byTestId<HTMLInputElement>('meetings-search'), '赵刚')
    expect(topics(), 'the search should look in the chair too').toEqual(['年度组织生活会'])
    await type(byTestId<HTMLInputElement>('meetings-search'), '')

    await choose('meetings-kind', '民主评议党员')
    expect(topics(), 'a meeting that also counts for the kind should be listed under it').toEqual(['年度组织生活会'])

    await choose('meetings-branch', '全部支部')
    expect(lastCall(backend.calls, 'meeting_ledger')).toEqual({ year: 2026, branchId: null })

    await type(byTestId('meetings-year').querySelector('input')!, '2025')
    expect(lastCall(backend.calls, 'meeting_ledger')).toEqual({ year: 2025, branchId: null })
  })

  it('opens a record when its row is clicked and reloads the ledger after saving it', async () => {
    const backend = fakeBackend()
    await mountAt('/meetings')

    await click(rowOf('年度组织生活会'))
    expect(dialogOpen(), 'clicking a row should open the form').toBe(true)
    expect(lastCall(backend.calls, 'meeting_get'), 'the record in full, which the list leaves out').toEqual({ id: 103 })
    expect(byTestId<HTMLInputElement>('meeting-form-topic').value).toBe('年度组织生活会')
    expect(byTestId<HTMLTextAreaElement>('meeting-form-content').value, 'the content, from meeting_get').toBe('学习讨论')
    expect(callsOf(backend.calls, 'meeting_expected'), 'a stored record keeps its attendance').toEqual([])

    const before = callsOf(backend.calls, 'meeting_ledger').length
    await type(byTestId<HTMLInputElement>('meeting-form-topic'), '2025年度组织生活会')
    await click(byTestId('meeting-form-save'))
    expect(lastCall(backend.calls, 'meeting_update')?.meeting).toMatchObject({ id: 103, topic: '2025年度组织生活会' })
    expect(callsOf(backend.calls, 'meeting_ledger').length, 'the ledger should be read again').toBe(before + 1)
    expect(topics()).toContain('2025年度组织生活会')
  })

  it('deletes a record only after the user confirms', async () => {
    const backend = fakeBackend()
    await mountAt('/meetings')

    await click(byTestId('meeting-delete', rowOf('义诊进社区')))
    await answerNewestMessageBox('取消')
    expect(callsOf(backend.calls, 'meeting_delete'), 'cancelling should delete nothing').toEqual([])
    expect(dialogOpen(), 'the delete button should not open the record').toBe(false)

    await click(byTestId('meeting-delete', rowOf('义诊进社区')))
    const boxes = document.querySelectorAll('.el-message-box')
    expect(boxes[boxes.length - 1]?.textContent, 'the question should name the record').toContain('义诊进社区')
    await answerNewestMessageBox('删除')
    expect(lastCall(backend.calls, 'meeting_delete')).toEqual({ id: 201 })
    expect(topics(), 'the deleted record should leave the ledger').not.toContain('义诊进社区')
  })

  it('opens the record named by ?meeting=ID and takes the request off the address', async () => {
    const backend = fakeBackend()
    const router = await mountAt('/meetings?meeting=90')

    expect(lastCall(backend.calls, 'meeting_get')).toEqual({ id: 90 })
    expect(dialogOpen()).toBe(true)
    expect(byTestId<HTMLInputElement>('meeting-form-topic').value).toBe('换届选举')
    expect(router.currentRoute.value.query, 'following the same link again should open it again').toEqual({})
  })

  it('opens a prefilled new record for ?new=1 with branch, kind and date', async () => {
    const backend = fakeBackend()
    await mountAt('/meetings?new=1&branch=2&kind=party_lesson&date=2026-03-31')

    expect(dialogOpen()).toBe(true)
    expect(lastCall(backend.calls, 'meeting_expected'), 'the roll of the linked branch, kind and day').toEqual({
      branchId: 2,
      kind: 'party_lesson',
      groupId: null,
      date: '2026-03-31',
    })
    expect(byTestId('meeting-form-date').querySelector('input')!.value).toBe('2026-03-31')
    expect(byTestId('meeting-form-kind').textContent).toContain('党课')
    expect(texts('[data-testid="attendance-name"]')).toEqual(['王芳'])
  })

  it('never stands in the computer’s clock for the app’s today', async () => {
    const backend = fakeBackend()
    const answer = (cmd: string, args: Record<string, unknown>) => {
      backend.calls.push({ cmd, args })
      if (cmd === 'app_today') throw { code: 'internal', message: '读取今天的日期失败' }
      if (cmd === 'branch_list') return []
      if (cmd === 'meeting_ledger') return []
      throw { code: 'internal', message: `unexpected command ${cmd}` }
    }
    mockIPC((cmd, payload) => answer(cmd, (payload ?? {}) as Record<string, unknown>))
    await mountAt('/meetings')

    expect(document.body.textContent, 'the failure should be shown').toContain('读取今天的日期失败')
    expect(callsOf(backend.calls, 'meeting_ledger'), 'no year is guessed from the computer’s clock').toEqual([])
    expect(byTestId<HTMLButtonElement>('meetings-new').disabled, 'nothing can be dated without the app’s today').toBe(true)

    await type(byTestId('meetings-year').querySelector('input')!, '2025')
    expect(lastCall(backend.calls, 'meeting_ledger'), 'a year picked by hand is still listed').toEqual({
      year: 2025,
      branchId: null,
    })
  })

  it('narrows the ledger to a linked period, until the period is cleared', async () => {
    fakeBackend()
    await mountAt('/meetings?branch=2&period=2026-Q1')

    expect(topics(), 'only the first quarter’s records').toEqual(['学习贯彻全会精神', '医德医风专题党课'])
    const tag = byTestId('meetings-period')
    expect(tag.textContent).toContain('2026年第一季度')
    await click(tag.querySelector('.el-tag__close')!)
    expect(topics()).toEqual(['学习贯彻全会精神', '医德医风专题党课', '年度组织生活会'])
  })
})
