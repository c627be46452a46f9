import { afterEach, describe, expect, it } from 'vitest'
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks'
import type { Branch } from '@/generated/Branch'
import type { Member } from '@/generated/Member'
import type { MemberDetail } from '@/generated/MemberDetail'
import type { MemberFilter } from '@/generated/MemberFilter'
import { blankBranch } from '@/api/branches'
import { blankMember } from '@/api/members'
import {
  byTestId,
  choose,
  click,
  confirmMessageBox,
  pickRadio,
  settle,
  texts,
  toasts,
  type,
} from '@/components/specHelpers'
import { mountRouted } from './mountRouted'
import MembersPage from './MembersPage.vue'

// The page reads ?member=ID, so it is mounted with a router.
const mountPage = (path = '/members') => mountRouted(MembersPage, path)

const ID_WANG = '110101198503071234'

/** Two branches, three members, one party group; member_list masks like the real command. */
function fakeBackend() {
  const branches: Branch[] = [
    { ...blankBranch(), id: 2, name: '内科第一党支部' },
    { ...blankBranch(), id: 3, name: '外科党支部' },
  ]
  const members: Member[] = [
    {
      ...blankMember(2),
      id: 11,
      name: '王芳',
      gender: '女',
      id_number: ID_WANG,
      phone: '13812345678',
      department: '心血管内科',
      birth_date: '1985-03',
      extra: { 籍贯: '浙江杭州' },
    },
    { ...blankMember(2), id: 12, name: '李明', department: '呼吸内科', category: '预备党员' },
    { ...blankMember(3), id: 13, name: '赵刚', department: '普外科' },
  ]
  const calls: { cmd: string; args: Record<string, unknown> }[] = []
  const masked = (m: Member): Member => ({
    ...m,
    id_number: m.id_number && `${m.id_number.slice(0, 4)}**********${m.id_number.slice(-4)}`,
    phone: m.phone && `${m.phone.slice(0, 3)}****${m.phone.slice(-4)}`,
  })
  mockIPC((cmd, payload) => {
    const args = (payload ?? {}) as Record<string, unknown>
    calls.push({ cmd, args })
    switch (cmd) {
      case 'branch_list':
        return branches
      case 'group_list':
        return args.branchId === 3
          ? [
              { id: 31, branch_id: 3, name: '第一党小组', leader: null, founded_on: null, dissolved_on: null },
              { id: 32, branch_id: 3, name: '第二党小组', leader: null, founded_on: null, dissolved_on: null },
            ]
          : []
      case 'member_list': {
        const f = args.filter as MemberFilter
        return members
          .filter((m) => f.branch_id === null || m.branch_id === f.branch_id)
          .filter((m) => f.category === null || m.category === f.category)
          .filter((m) => f.status === null || m.status === f.status)
          .filter((m) => !f.search || [m.name, m.department ?? ''].some((t) => t.includes(f.search!)))
          .map(masked)
      }
      case 'member_get': {
        const member = members.find((m) => m.id === args.id)
        if (!member) throw { code: 'not_found', message: '找不到该党员' }
        const detail: MemberDetail = {
          member,
          transfers: [{ id: 1, member_id: member.id, from_branch_id: 3, to_branch_id: 2, transferred_on: '2020-05', note: null }],
          status_changes:
            member.id === 11
              ? [{ id: 1, member_id: 11, from_status: '在册', to_status: '停止党籍', changed_on: '2019-03-01', note: '出国' }, { id: 2, member_id: 11, from_status: '停止党籍', to_status: '在册', changed_on: '2019-09-01', note: '回国恢复' }]
              : [],
          group_changes:
            member.id === 11 ? [{ id: 1, member_id: 11, from_group_id: 31, to_group_id: 32, changed_on: '2018-06' }] : [],
          party_age: member.category === '正式党员' ? 15 : null,
          probation_ends: member.category === '预备党员' ? '2026-07-01' : null,
        }
        return detail
      }
      case 'member_create': {
        const created = { ...(args.member as Member), id: 99 }
        members.push(created)
        return masked(created)
      }
      case 'member_update': {
        const updated = args.member as Member
        members.splice(members.findIndex((m) => m.id === updated.id), 1, updated)
        return updated
      }
      case 'member_delete':
        throw { code: 'conflict', message: '「王芳」已出现在 3 条会议、活动或荣誉记录中，删除会破坏这些记录' }
      default:
        throw { code: 'internal', message: `unexpected command ${cmd}` }
    }
  })
  return { calls }
}

const rowNames = () => texts('[data-testid="member-row-name"]')
const lastCall = (calls: { cmd: string; args: Record<string, unknown> }[], cmd: string) =>
  calls.filter((c) => c.cmd === cmd).at(-1)?.args

afterEach(() => {
  clearMocks()
  document.body.innerHTML = ''
})

describe('MembersPage', () => {
  it('lists members with the name of their branch and masked phone numbers', async () => {
    fakeBackend()
    await mountPage()

    expect(rowNames(), 'every member from member_list should be listed').toEqual(['王芳', '李明', '赵刚'])
    expect(texts('[data-testid="member-row-branch"]'), 'the branch column should show names, not ids').toEqual([
      '内科第一党支部',
      '内科第一党支部',
      '外科党支部',
    ])
    const first = texts('td', document.querySelector('tr.member-row')!)
    expect(first, 'the list should show the phone number as member_list masked it').toContain('138****5678')
    expect(byTestId('member-count').textContent).toContain('共 3 人')
  })

  it('filters by branch and by the search box through member_list', async () => {
    const backend = fakeBackend()
    await mountPage()

    await choose('member-filter-branch', '外科党支部')
    expect(lastCall(backend.calls, 'member_list'), 'the branch filter should be sent to the server').toEqual({
      filter: { branch_id: 3, category: null, status: null, search: null },
    })
    expect(rowNames(), 'only the chosen branch’s members should remain').toEqual(['赵刚'])

    await choose('member-filter-branch', '内科第一党支部')
    await type(byTestId<HTMLInputElement>('member-search'), '呼吸')
    await new Promise((resolve) => setTimeout(resolve, 300))
    await settle()
    expect(lastCall(backend.calls, 'member_list'), 'the search text should be sent after typing pauses').toEqual({
      filter: { branch_id: 2, category: null, status: null, search: '呼吸' },
    })
    expect(rowNames()).toEqual(['李明'])
  })

  it('creates a member with the chosen branch, party group and the typed fields', async () => {
    const backend = fakeBackend()
    await mountPage()

    await click(byTestId('member-create'))
    await type(byTestId<HTMLInputElement>('member-form-name'), '陈静 ')
    await pickRadio('member-form-gender', '女')
    await choose('member-form-branch', '外科党支部')
    await choose('member-form-group', '第一党小组')
    await pickRadio('member-form-category', '预备党员')
    await click(byTestId('member-form-joined-on-as-text'))
    await type(byTestId<HTMLInputElement>('member-form-joined-on'), '2024-06')
    await type(byTestId<HTMLInputElement>('member-form-phone'), '13900001111')
    await click(byTestId('member-form-submit'))

    const sent = lastCall(backend.calls, 'member_create')?.member as Member | undefined
    expect(sent, 'saving the form should call member_create').toBeDefined()
    expect(sent, 'the new member should carry every field the form was given').toMatchObject({
      id: 0,
      name: '陈静',
      gender: '女',
      branch_id: 3,
      group_id: 31,
      category: '预备党员',
      joined_on: '2024-06',
      phone: '13900001111',
      status: '在册',
      id_number: null,
      extra: {},
    })
    expect(rowNames(), 'the list should be reloaded with the new member').toContain('陈静')
  })

  it('opens the member unmasked from member_get and saves edits with the real ID number', async () => {
    const backend = fakeBackend()
    await mountPage()

    await click(document.querySelector('tr.member-row')!)
    expect(lastCall(backend.calls, 'member_get'), 'the drawer should load the member in full').toEqual({ id: 11 })
    expect(byTestId('member-detail-id-number').textContent, 'the drawer should show the ID number unmasked').toBe(
      ID_WANG,
    )
    expect(byTestId('member-transfers').textContent, 'the transfer history should name the branches').toContain(
      '外科党支部',
    )

    const getsBefore = backend.calls.filter((c) => c.cmd === 'member_get').length
    await click(byTestId('member-detail-edit'))
    expect(
      backend.calls.filter((c) => c.cmd === 'member_get').length,
      'editing should fetch the member afresh with member_get',
    ).toBe(getsBefore + 1)
    expect(byTestId<HTMLInputElement>('member-form-name').value).toBe('王芳')
    expect(
      byTestId<HTMLInputElement>('member-form-birth-date').value,
      'a month-only date should be shown as it is',
    ).toBe('1985-03')

    await type(byTestId<HTMLInputElement>('member-form-phone'), '13800000000')
    await click(byTestId('member-form-submit'))

    const sent = lastCall(backend.calls, 'member_update')?.member as Member | undefined
    expect(sent, 'saving should call member_update').toBeDefined()
    expect(sent, 'the saved member should keep the real ID number, the month-only date and extra columns').toMatchObject(
      { id: 11, id_number: ID_WANG, phone: '13800000000', birth_date: '1985-03', extra: { 籍贯: '浙江杭州' } },
    )
  })

  it('shows the server’s reason when deleting a member is refused', async () => {
    const backend = fakeBackend()
    await mountPage()

    await click(document.querySelector('tr.member-row')!)
    await click(byTestId('member-detail-delete'))
    await confirmMessageBox('删除')
    await settle()

    expect(lastCall(backend.calls, 'member_delete'), 'the confirmed delete should be sent').toEqual({ id: 11 })
    expect(toasts().join(), 'the refusal should be shown as the server worded it').toContain(
      '「王芳」已出现在 3 条会议、活动或荣誉记录中',
    )
    expect(rowNames(), 'the member should still be listed').toContain('王芳')
  })
  it('shows 党龄, the end of probation and the dated history in the drawer', async () => {
    fakeBackend()
    await mountPage()

    await click(document.querySelector('tr.member-row')!)
    expect(byTestId('member-detail-party-age').textContent, 'a full member’s Party age should be shown in years').toBe('15 年')
    expect(byTestId('member-detail-probation-ends').textContent, 'a full member has no probation end').toBe('—')
    const statuses = byTestId('member-status-changes').textContent ?? ''
    expect(statuses, 'each status change should show its date, the change and the note').toContain('2019-03-01')
    expect(statuses).toContain('在册 → 停止党籍')
    expect(statuses).toContain('回国恢复')
    const groups = byTestId('member-group-changes').textContent ?? ''
    expect(groups, 'a group change should name both groups, even of a branch left since').toContain('2018-06')
    expect(groups).toContain('第一党小组')
    expect(groups).toContain('第二党小组')
  })

  it('opens the member named by ?member= (a link from the to-do list)', async () => {
    const backend = fakeBackend()
    const { router } = await mountPage('/members?member=12')

    expect(lastCall(backend.calls, 'member_get'), 'the linked member should be loaded').toEqual({ id: 12 })
    expect(byTestId('member-detail-probation-ends').textContent, 'a probationary member’s probation end should be shown').toBe(
      '2026-07-01',
    )
    expect(byTestId('member-detail-party-age').textContent).toBe('—')
    expect(router.currentRoute.value.query, 'the link should be taken off the address once followed').toEqual({})
  })
})
