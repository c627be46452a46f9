import { afterEach, describe, expect, it } from 'vitest'
import { defineComponent, h, ref } from 'vue'
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks'
import type { Attachment } from '@/generated/Attachment'
import type { Branch } from '@/generated/Branch'
import type { Finding } from '@/generated/Finding'
import type { LedgerEntry } from '@/generated/LedgerEntry'
import type { Meeting } from '@/generated/Meeting'
import type { MeetingKind } from '@/generated/MeetingKind'
import type { Member } from '@/generated/Member'
import type { PartyGroup } from '@/generated/PartyGroup'
import { blankBranch } from '@/api/branches'
import { blankMeeting } from '@/api/meetings'
import { blankMember } from '@/api/members'
import { answerNewestMessageBox, branchView, button, byTestId, choose, click, mountPage, settle, texts, type } from '@/components/specHelpers'
import MeetingFormDialog from './MeetingFormDialog.vue'

const TODAY = '2026-05-20'

const member = (id: number, name: string, department: string): Member => ({
  ...blankMember(2),
  probation_extension_months: null,
  id,
  name,
  department,
})
const WANG = member(11, '王芳', '心血管内科')
const LI = member(12, '李明', '呼吸内科')
const ZHAO = member(13, '赵刚', '心血管内科')

type Call = { cmd: string; args: Record<string, unknown> }

/**
 * One branch with three members, a party group (and a dissolved one); the
 * roll per kind as the core would give it; saves store the record as the
 * core's Meeting::tidy does (away with a reason becomes 请假) and answer with
 * findings the way meeting_findings words them (only the two the tests look at).
 */
function fakeBackend() {
  const branches: Branch[] = [
    { ...blankBranch(), id: 2, name: '内科第一党支部' },
    { ...blankBranch(), id: 3, name: '外科党支部' },
  ]
  const groups: PartyGroup[] = [
    { id: 21, branch_id: 2, name: '第一党小组', leader: null, founded_on: '2019', dissolved_on: null },
    { id: 22, branch_id: 2, name: '旧党小组', leader: null, founded_on: null, dissolved_on: '2020-12' },
  ]
  const roll: Record<MeetingKind, Member[]> = {
    general_meeting: [WANG, LI, ZHAO],
    committee_meeting: [WANG],
    group_meeting: [LI, ZHAO],
    party_lesson: [WANG, LI, ZHAO],
    theme_day: [WANG, LI, ZHAO],
    org_life_meeting: [WANG, LI, ZHAO],
    democratic_review: [WANG, LI, ZHAO],
    talk: [],
  }
  const calls: Call[] = []
  /** The core's rule, here only to play the server: away with a reason is excused, without one absent. */
  const tidy = (meeting: Meeting): Meeting => ({
    ...meeting,
    attendance: meeting.attendance.map((a) =>
      a.status === 'present' ? a : { ...a, status: a.reason ? 'excused' : 'absent' },
    ),
  })
  const entryOf = (sent: Meeting): LedgerEntry => {
    const meeting = tidy(sent)
    const findings: Finding[] = []
    if (!meeting.start_time) findings.push({ kind: 'missing_time', message: '未记录开始时间：请补记会议开始时间' })
    const unexplained = meeting.attendance.filter((a) => a.status !== 'present' && !a.reason).map((a) => a.name)
    if (unexplained.length)
      findings.push({ kind: 'absent_without_reason', message: `${unexplained.join('、')} 缺席未注明理由：请补记理由` })
    return {
      meeting,
      findings,
      expected: meeting.attendance.length,
      present: meeting.attendance.filter((a) => a.status === 'present').length,
      attachments: [],
    }
  }
  mockIPC((cmd, payload) => {
    const args = (payload ?? {}) as Record<string, unknown>
    calls.push({ cmd, args })
    switch (cmd) {
      case 'branch_list':
        return branches.map((b) => branchView(b))
      case 'group_list':
        return groups.filter((g) => g.branch_id === args.branchId)
      case 'member_list':
        return [WANG, LI, ZHAO]
      case 'meeting_expected':
        return roll[args.kind as MeetingKind]
      case 'meeting_create':
        return entryOf({ ...(args.meeting as Meeting), id: 101 })
      case 'meeting_update':
        return entryOf(args.meeting as Meeting)
      case 'plugin:dialog|open':
        return ['/home/dangban/签到表.jpg']
      case 'meeting_attach':
        return {
          id: 7,
          owner_kind: 'meeting',
          owner_id: args.id as number,
          file_name: '签到表.jpg',
          sha256: 'ab'.repeat(32),
          size: 204800,
          added_at: '2026-05-20 10:00:00',
        } satisfies Attachment
      default:
        throw { code: 'internal', message: `unexpected command ${cmd}` }
    }
  })
  return { calls }
}

const callsOf = (calls: Call[], cmd: string) => calls.filter((c) => c.cmd === cmd).map((c) => c.args)
const lastCall = (calls: Call[], cmd: string) => callsOf(calls, cmd).at(-1)

/** Mounts the dialog, open, as the meetings page would. */
async function mountForm(options: { entry?: LedgerEntry | null; preset?: Partial<Meeting> | null }) {
  const open = ref(true)
  const saved: LedgerEntry[] = []
  const attached: Attachment[] = []
  const Host = defineComponent({
    setup: () => () =>
      h(MeetingFormDialog, {
        modelValue: open.value,
        'onUpdate:modelValue': (value: boolean) => (open.value = value),
        entry: options.entry ?? null,
        preset: options.preset ?? null,
        today: TODAY,
        onSaved: (entry: LedgerEntry) => saved.push(entry),
        onAttached: (attachment: Attachment) => attached.push(attachment),
      }),
  })
  await mountPage(Host)
  await settle()
  return { open, saved, attached }
}

const attendanceRows = () => [...document.querySelectorAll<HTMLElement>('[data-testid="attendance-row"]')]
const rollNames = () => texts('[data-testid="attendance-name"]')
function rowOf(name: string): HTMLElement {
  const row = attendanceRows().find((r) => r.querySelector('[data-testid="attendance-name"]')?.textContent?.trim() === name)
  if (!row) throw new Error(`expected ${name} on the attendance list; it lists ${rollNames().join(', ')}`)
  return row
}
const presentBox = (name: string) => byTestId('attendance-present', rowOf(name))
const isTicked = (name: string) => byTestId<HTMLInputElement>('attendance-present', rowOf(name)).querySelector('input')!.checked
const reasonInput = (name: string) => byTestId<HTMLInputElement>('attendance-reason', rowOf(name))
const statusOf = (name: string) => byTestId('attendance-status', rowOf(name)).textContent?.trim()
const formLabels = () => texts('[data-testid="meeting-form"] .el-form-item__label')

/** Fills what every record needs besides attendance. */
async function fillBasics(topic = ' 学习贯彻党的二十届四中全会精神 ') {
  await type(byTestId<HTMLInputElement>('meeting-form-topic'), topic)
  await type(byTestId<HTMLInputElement>('meeting-form-place'), '住院部三楼示教室')
  await type(byTestId<HTMLInputElement>('meeting-form-chair'), '王芳')
  await type(byTestId<HTMLInputElement>('meeting-form-recorder'), '李明')
  await type(byTestId<HTMLTextAreaElement>('meeting-form-content'), '集中学习，分组讨论。')
}

afterEach(() => {
  clearMocks()
  document.body.innerHTML = ''
})

describe('MeetingFormDialog', () => {
  it('loads the roll of the day for a new record with nobody marked, and refuses to save until everyone is', async () => {
    const backend = fakeBackend()
    await mountForm({ preset: { branch_id: 2, kind: 'general_meeting' } })

    expect(lastCall(backend.calls, 'meeting_expected'), 'the roll should be asked for the branch, kind and today').toEqual(
      { branchId: 2, kind: 'general_meeting', groupId: null, date: TODAY },
    )
    expect(rollNames(), 'everyone on the roll should be listed').toEqual(['王芳', '李明', '赵刚'])
    expect(
      ['王芳', '李明', '赵刚'].map(isTicked),
      'nobody should be marked present before the user says so',
    ).toEqual([false, false, false])
    expect(byTestId('attendance-counts').textContent).toContain('应到 3 人，实到 0 人')
    expect(byTestId('attendance-counts').textContent).toContain('未标记 3 人')

    await fillBasics()
    await click(presentBox('王芳'))
    await click(byTestId('meeting-form-save'))

    expect(callsOf(backend.calls, 'meeting_create'), 'nothing should be sent while people are unmarked').toEqual([])
    const refusal = byTestId('meeting-form-refusal').textContent ?? ''
    expect(refusal, 'the refusal should count and name the unmarked').toContain('还有 2 人未标明是否出席：李明、赵刚')
  })

  it('sends each person’s status and reason, the other obligations it counts for, and no lecturer for a meeting', async () => {
    const backend = fakeBackend()
    const { saved } = await mountForm({ preset: { branch_id: 2, kind: 'general_meeting' } })

    // A lecturer typed while the kind was 党课 must not survive a change back.
    await choose('meeting-form-kind', '党课')
    await type(byTestId<HTMLInputElement>('meeting-form-lecturer'), '张书记')
    await choose('meeting-form-kind', '支部党员大会')
    expect(document.querySelector('[data-testid="meeting-form-lecturer"]'), 'only a party lesson has a lecturer').toBeNull()

    await fillBasics()
    await choose('meeting-form-also', '主题党日')
    await click(byTestId('meeting-form-all-present'))
    expect(['王芳', '李明', '赵刚'].map(isTicked), '全部出席 should tick everyone').toEqual([true, true, true])

    await click(presentBox('李明'))
    await type(reasonInput('李明'), ' 外出进修 ')
    await click(presentBox('赵刚'))
    const counts = byTestId('attendance-counts').textContent ?? ''
    expect(counts, 'the live counts: expected, present, not present').toContain('应到 3 人，实到 1 人，未到 2 人')
    expect(counts, '请假 or 缺席 is the core’s call, made on saving').not.toMatch(/请假|缺席/)
    expect(['李明', '赵刚'].map(statusOf), 'with a reason or without, someone away is 未到 until saved').toEqual([
      '未到',
      '未到',
    ])

    await click(byTestId('meeting-form-save'))

    const sent = lastCall(backend.calls, 'meeting_create')?.meeting as Meeting | undefined
    expect(sent, 'saving should call meeting_create').toBeDefined()
    expect(sent, 'the record should carry what the form was given, tidied').toMatchObject({
      id: 0,
      branch_id: 2,
      group_id: null,
      kind: 'general_meeting',
      date: TODAY,
      topic: '学习贯彻党的二十届四中全会精神',
      place: '住院部三楼示教室',
      chair: '王芳',
      recorder: '李明',
      lecturer: null,
      content: '集中学习，分组讨论。',
      vote: null,
      also_counts: ['theme_day'],
    })
    expect(sent?.attendance, 'everyone away is sent as absent, with the reason if one was typed').toEqual([
      { member_id: 11, name: '王芳', status: 'present', reason: null },
      { member_id: 12, name: '李明', status: 'absent', reason: '外出进修' },
      { member_id: 13, name: '赵刚', status: 'absent', reason: null },
    ])

    const findings = byTestId('meeting-form-findings').textContent ?? ''
    expect(findings, 'the saved record’s findings should be shown').toContain('记录已保存，但以下内容不完整')
    expect(findings, 'the core names the absentee without a reason').toContain('赵刚 缺席未注明理由')
    expect(findings, 'an absentee with a reason is not faulted').not.toContain('李明')
    expect(findings).toContain('未记录开始时间')
    expect(
      ['李明', '赵刚'].map((n) => [isTicked(n), statusOf(n), reasonInput(n).value]),
      'the stored rows come back (李明 now 请假 in the core) and show as not present with their reason',
    ).toEqual([
      [false, '未到', '外出进修'],
      [false, '未到', ''],
    ])
    expect(saved.map((e) => e.meeting.id), 'the page should be told the record was saved').toEqual([101])
    expect(byTestId('meeting-form-attach'), 'a saved record can take attachments').toBeTruthy()
  })

  it('asks a party lesson for its lecturer and title, and sends the lecturer', async () => {
    const backend = fakeBackend()
    await mountForm({ preset: { branch_id: 2, kind: 'party_lesson', date: '2026-03-15' } })

    expect(formLabels(), 'a party lesson’s topic is its title').toContain('党课题目')
    expect(formLabels()).toContain('授课人')
    expect(lastCall(backend.calls, 'meeting_expected')).toEqual({
      branchId: 2,
      kind: 'party_lesson',
      groupId: null,
      date: '2026-03-15',
    })

    await fillBasics('新时代医德医风建设')
    await type(byTestId<HTMLInputElement>('meeting-form-lecturer'), '张书记')
    await click(byTestId('meeting-form-all-present'))
    await click(byTestId('meeting-form-save'))

    const sent = lastCall(backend.calls, 'meeting_create')?.meeting as Meeting
    expect(sent, 'the lecturer should be sent for a party lesson').toMatchObject({
      kind: 'party_lesson',
      lecturer: '张书记',
      topic: '新时代医德医风建设',
      date: '2026-03-15',
    })
    expect(sent.attendance.map((a) => a.status)).toEqual(['present', 'present', 'present'])
  })

  it('asks a group meeting for a group that existed on the day and loads that group’s roll', async () => {
    const backend = fakeBackend()
    await mountForm({ preset: { branch_id: 2 } })

    await choose('meeting-form-kind', '党小组会')
    expect(rollNames(), 'no roll until the group is chosen').toEqual([])
    const select = byTestId('meeting-form-group')
    await click(select.querySelector('.el-select__wrapper')!)
    const listId = select.querySelector('input')!.getAttribute('aria-controls')!
    expect(
      texts('.el-select-dropdown__item', document.getElementById(listId)!),
      'a dissolved group should not be offered',
    ).toEqual(['第一党小组'])
    await choose('meeting-form-group', '第一党小组')

    expect(lastCall(backend.calls, 'meeting_expected')).toEqual({
      branchId: 2,
      kind: 'group_meeting',
      groupId: 21,
      date: TODAY,
    })
    expect(rollNames()).toEqual(['李明', '赵刚'])

    const also = byTestId('meeting-form-also')
    await click(also.querySelector('.el-select__wrapper')!)
    const alsoId = also.querySelector('input')!.getAttribute('aria-controls')!
    expect(
      texts('.el-select-dropdown__item', document.getElementById(alsoId)!),
      'nothing else can count as a group meeting',
    ).not.toContain('党小组会')
  })

  it('lets a talk pick its participants from the branch, since it has no roll', async () => {
    const backend = fakeBackend()
    await mountForm({ preset: { branch_id: 2, kind: 'talk' } })

    expect(rollNames(), 'a talk has nobody on a roll').toEqual([])
    expect(byTestId('attendance-empty').textContent).toContain('谈心谈话')
    await choose('attendance-pick', '李明（呼吸内科）')
    await choose('attendance-pick', '王芳（心血管内科）')
    expect(rollNames()).toEqual(['李明', '王芳'])
    expect(lastCall(backend.calls, 'member_list'), 'the picker should offer the branch’s members').toEqual({
      filter: { branch_id: 2, category: null, status: null, search: null },
    })

    await fillBasics('与青年党员谈心')
    await click(byTestId('meeting-form-save'))
    const sent = lastCall(backend.calls, 'meeting_create')?.meeting as Meeting
    expect(sent.attendance, 'the picked participants took part').toEqual([
      { member_id: 12, name: '李明', status: 'present', reason: null },
      { member_id: 11, name: '王芳', status: 'present', reason: null },
    ])
  })

  it('keeps a stored record’s attendance and reloads the roll only when the user agrees', async () => {
    const backend = fakeBackend()
    const stored: Meeting = {
      ...blankMeeting(2, '2026-04-08'),
      id: 55,
      kind: 'theme_day',
      topic: '主题党日：义诊进社区',
      start_time: '09:00',
      attendance: [
        { member_id: 11, name: '王芳', status: 'present', reason: null },
        { member_id: 12, name: '李明', status: 'excused', reason: '病假' },
        { member_id: null, name: '外请专家', status: 'absent', reason: null },
      ],
    }
    await mountForm({ entry: { meeting: stored, findings: [], expected: 3, present: 1, attachments: [] } })

    expect(callsOf(backend.calls, 'meeting_expected'), 'a stored record keeps its own attendance').toEqual([])
    expect(rollNames()).toEqual(['王芳', '李明', '外请专家'])
    expect(isTicked('王芳')).toBe(true)
    expect(
      ['李明', '外请专家'].map((n) => [isTicked(n), statusOf(n), reasonInput(n).value]),
      'a stored 请假 and a stored 缺席 both show as not present, with their reason',
    ).toEqual([
      [false, '未到', '病假'],
      [false, '未到', ''],
    ])
    expect(byTestId('attendance-counts').textContent).toContain('应到 3 人，实到 1 人，未到 2 人')
    expect(byTestId<HTMLInputElement>('meeting-form-topic').value).toBe('主题党日：义诊进社区')

    await type(byTestId('meeting-form-date').querySelector('input')!, '2026-04-09')
    await answerNewestMessageBox('保留原名单')
    expect(callsOf(backend.calls, 'meeting_expected'), 'declining should keep the stored list').toEqual([])
    expect(rollNames()).toEqual(['王芳', '李明', '外请专家'])

    await type(byTestId('meeting-form-date').querySelector('input')!, '2026-04-10')
    await answerNewestMessageBox('重新载入')
    expect(lastCall(backend.calls, 'meeting_expected')).toEqual({
      branchId: 2,
      kind: 'theme_day',
      groupId: null,
      date: '2026-04-10',
    })
    expect(rollNames(), 'the new roll should be listed').toEqual(['王芳', '李明', '赵刚'])
    expect(isTicked('王芳'), 'marks already made should be kept').toBe(true)
    expect(reasonInput('李明').value).toBe('病假')

    await click(byTestId('attendance-absent', rowOf('赵刚')))
    await click(byTestId('meeting-form-save'))
    const sent = lastCall(backend.calls, 'meeting_update')?.meeting as Meeting
    expect(sent, 'an edit should be saved with meeting_update under its own id').toMatchObject({
      id: 55,
      date: '2026-04-10',
      start_time: '09:00',
    })
    expect(
      sent.attendance.map((a) => [a.name, a.status, a.reason]),
      'a stored 请假 goes back as absent with its reason; the core makes it 请假 again',
    ).toEqual([
      ['王芳', 'present', null],
      ['李明', 'absent', '病假'],
      ['赵刚', 'absent', null],
    ])
  })

  it('attaches a chosen file to a saved record', async () => {
    const backend = fakeBackend()
    const stored: Meeting = { ...blankMeeting(2, '2026-04-08'), id: 55, kind: 'theme_day', topic: '主题党日' }
    const { attached } = await mountForm({
      entry: { meeting: stored, findings: [], expected: 0, present: 0, attachments: [] },
    })

    await click(button('添加附件'))
    await settle()

    expect(lastCall(backend.calls, 'meeting_attach'), 'the chosen file should be attached to this record').toEqual({
      id: 55,
      file: '/home/dangban/签到表.jpg',
    })
    expect(texts('[data-testid="meeting-attachment"]').join()).toContain('签到表.jpg')
    expect(attached.map((a) => a.id), 'the page should be told, to refresh its count').toEqual([7])
  })
})
