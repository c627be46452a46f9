import { afterEach, describe, expect, it, vi } from 'vitest'
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks'
import type { Branch } from '@/generated/Branch'
import type { Member } from '@/generated/Member'
import type { MemberDetail } from '@/generated/MemberDetail'
import type { MemberFilter } from '@/generated/MemberFilter'
import type { MemberStatus } from '@/generated/MemberStatus'
import type { PartyGroup } from '@/generated/PartyGroup'
import { blankBranch } from '@/api/branches'
import { blankMember } from '@/api/members'
import {
  branchView,
  byTestId,
  choose,
  click,
  confirmMessageBox,
  el,
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
const TODAY = '2026-05-20'

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
    { ...blankMember(3), id: 13, name: '赵刚', department: '普外科', group_id: 31 },
  ]
  const calls: { cmd: string; args: Record<string, unknown> }[] = []
  const masked = (m: Member): Member => ({
    ...m,
    id_number: m.id_number && `${m.id_number.slice(0, 2)}****************`,
    phone: m.phone && `${m.phone.slice(0, 3)}****${m.phone.slice(-4)}`,
  })
  const groupsOf = (branchId: number): PartyGroup[] =>
    branchId === 3
      ? [
          { id: 31, branch_id: 3, name: '第一党小组', leader: null, founded_on: null, dissolved_on: null },
          { id: 32, branch_id: 3, name: '第二党小组', leader: null, founded_on: null, dissolved_on: null },
        ]
      : []
  // Each member's dated history, as the core keeps it; the change commands add to it.
  const histories = new Map<number, Pick<MemberDetail, 'transfers' | 'status_changes' | 'group_changes'>>()
  const history = (id: number) => {
    let found = histories.get(id)
    if (!found) {
      found = {
        transfers: [{ id: 1, member_id: id, from_branch_id: 3, to_branch_id: 2, transferred_on: '2020-05', note: null }],
        status_changes:
          id === 11
            ? [
                { id: 1, member_id: 11, from_status: '在册', to_status: '停止党籍', changed_on: '2019-03-01', note: '出国' },
                { id: 2, member_id: 11, from_status: '停止党籍', to_status: '在册', changed_on: '2019-09-01', note: '回国恢复' },
              ]
            : [],
        group_changes: id === 11 ? [{ id: 1, member_id: 11, from_group_id: 31, to_group_id: 32, changed_on: '2018-06' }] : [],
      }
      histories.set(id, found)
    }
    return found
  }
  const memberById = (id: unknown) => {
    const member = members.find((m) => m.id === id)
    if (!member) throw { code: 'not_found', message: '找不到该党员' }
    return member
  }
  // As the core answers: the member masked; the full numbers only through member_reveal.
  const detailOf = (member: Member): MemberDetail => ({
    member: masked(member),
    ...structuredClone(history(member.id)),
    party_age: member.category === '正式党员' ? 15 : null,
    probation_ends: member.category === '预备党员' ? '2026-07-01' : null,
  })
  mockIPC((cmd, payload) => {
    const args = (payload ?? {}) as Record<string, unknown>
    calls.push({ cmd, args })
    switch (cmd) {
      case 'branch_list':
        return branches.map((b) => branchView(b))
      case 'group_list':
        return groupsOf(args.branchId as number)
      case 'member_list': {
        const f = args.filter as MemberFilter
        return members
          .filter((m) => f.branch_id === null || m.branch_id === f.branch_id)
          .filter((m) => f.category === null || m.category === f.category)
          .filter((m) => f.status === null || m.status === f.status)
          .filter((m) => !f.search || [m.name, m.department ?? ''].some((t) => t.includes(f.search!)))
          .map(masked)
      }
      case 'app_today':
        return TODAY
      case 'member_get':
        return detailOf(memberById(args.id))
      case 'member_reveal': {
        const member = memberById(args.id)
        return { member_id: member.id, id_number: member.id_number, phone: member.phone }
      }
      case 'member_change_status': {
        const member = memberById(args.id)
        const date = args.date as string
        if (member.status === args.status) throw { code: 'invalid', message: `「${member.name}」的党籍状态已是「${member.status}」` }
        if (date > TODAY) throw { code: 'invalid', message: `变动日期 ${date} 晚于今天，请核对` }
        history(member.id).status_changes.push({
          id: 100,
          member_id: member.id,
          from_status: member.status,
          to_status: args.status as MemberStatus,
          changed_on: date,
          note: (args.note as string | null) ?? null,
        })
        member.status = args.status as MemberStatus
        return detailOf(member)
      }
      case 'member_change_group': {
        const member = memberById(args.id)
        const date = args.date as string
        const to = args.groupId as number | null
        if (to !== null && !groupsOf(member.branch_id).some((g) => g.id === to))
          throw { code: 'invalid', message: `党小组不属于「${member.name}」所在的支部，请先办理组织关系转接` }
        if (date > TODAY) throw { code: 'invalid', message: `变动日期 ${date} 晚于今天，请核对` }
        history(member.id).group_changes.push({ id: 100, member_id: member.id, from_group_id: member.group_id, to_group_id: to, changed_on: date })
        member.group_id = to
        return detailOf(member)
      }
      case 'member_transfer': {
        const member = memberById(args.id)
        const date = args.date as string
        if (date > TODAY) throw { code: 'invalid', message: `转接日期 ${date} 晚于今天，请核对` }
        history(member.id).transfers.push({
          id: 100,
          member_id: member.id,
          from_branch_id: member.branch_id,
          to_branch_id: args.toBranchId as number,
          transferred_on: date,
          note: (args.note as string | null) ?? null,
        })
        member.branch_id = args.toBranchId as number
        member.group_id = null
        return detailOf(member)
      }
      case 'member_create': {
        const created = { ...(args.member as Member), id: 99 }
        members.push(created)
        return masked(created)
      }
      case 'member_update': {
        // The core keeps a number sent back exactly as it was shown masked.
        const sent = args.member as Member
        const stored = memberById(sent.id)
        const updated = {
          ...sent,
          id_number: sent.id_number === masked(stored).id_number ? stored.id_number : sent.id_number,
          phone: sent.phone === masked(stored).phone ? stored.phone : sent.phone,
        }
        members.splice(members.findIndex((m) => m.id === updated.id), 1, updated)
        return masked(updated)
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
/** The listed member's row. */
const rowOf = (name: string) => {
  const row = [...document.querySelectorAll<HTMLElement>('tr.member-row')].find((r) => r.textContent?.includes(name))
  if (!row) throw new Error(`expected a row for ${name}; the list shows ${rowNames().join(', ')}`)
  return row
}
/** The options an el-select (by data-testid) offers, opening it to look. */
async function optionsOf(selectTestId: string) {
  const select = byTestId(selectTestId)
  await click(el('.el-select__wrapper', select))
  const list = document.getElementById(el('input', select).getAttribute('aria-controls')!)!
  const labels = texts('.el-select-dropdown__item', list)
  await click(el('.el-select__wrapper', select))
  return labels
}
/** The drawer's value for `label` (党籍信息 and the like). */
const drawerField = (label: string) => {
  const cell = [...document.querySelectorAll<HTMLElement>('[data-testid="member-detail"] .el-descriptions__label')].find(
    (c) => c.textContent?.trim() === label,
  )
  return cell?.nextElementSibling?.textContent?.trim()
}
/** Whether the dialog of a dated change (status, group, transfer) is on screen. */
const changeDialogOpen = (kind: string) => {
  const dialog = document.querySelector<HTMLElement>(`[data-testid="member-change-${kind}"]`)
  const overlay = dialog?.closest<HTMLElement>('.el-overlay')
  return !!dialog && !!overlay && overlay.style.display !== 'none'
}
/** Closes the member drawer with its close button. */
const drawerClose = () => el<HTMLButtonElement>('.el-drawer__close-btn').click()
/** Waits out a dialog's closing transition. */
const closed = async () => {
  await new Promise((resolve) => setTimeout(resolve, 350))
  await settle()
}
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

  it('opens the member masked, shows the full numbers only on 显示, and saves edits that keep the masked ID', async () => {
    const backend = fakeBackend()
    await mountPage()

    await click(document.querySelector('tr.member-row')!)
    expect(lastCall(backend.calls, 'member_get'), 'the drawer should load the member').toEqual({ id: 11 })
    expect(byTestId('member-detail-id-number').textContent, 'masked until 显示').toBe(`${ID_WANG.slice(0, 2)}****************`)
    expect(byTestId('member-detail-phone').textContent).toBe('138****5678')
    expect(backend.calls.map((c) => c.cmd), 'nothing revealed yet').not.toContain('member_reveal')

    await click(byTestId('member-reveal'))
    expect(lastCall(backend.calls, 'member_reveal'), 'one reveal, on record in the core').toEqual({ id: 11 })
    expect(byTestId('member-detail-id-number').textContent).toBe(ID_WANG)
    expect(byTestId('member-detail-phone').textContent).toBe('13812345678')
    expect(document.querySelector('[data-testid="member-reveal"]'), 'nothing more to reveal').toBeNull()
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

    expect(byTestId<HTMLInputElement>('member-form-id-number').value, 'the form shows the ID masked').toBe(
      `${ID_WANG.slice(0, 2)}****************`,
    )
    expect(byTestId('member-form').textContent).toContain('不修改则保留原号码')
    await type(byTestId<HTMLInputElement>('member-form-phone'), '13800000000')
    await click(byTestId('member-form-submit'))

    const sent = lastCall(backend.calls, 'member_update')?.member as Member | undefined
    expect(sent, 'saving should call member_update').toBeDefined()
    expect(sent, 'the masked ID goes back as shown (the core keeps the stored one), with the new phone').toMatchObject({
      id: 11,
      id_number: `${ID_WANG.slice(0, 2)}****************`,
      phone: '13800000000',
      birth_date: '1985-03',
      extra: { 籍贯: '浙江杭州' },
    })
    expect(byTestId('member-detail-id-number').textContent, 'masked again after the edit').toBe(
      `${ID_WANG.slice(0, 2)}****************`,
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
  it('records a change of 党籍状态 as of the day it happened, refreshes the drawer and reloads the list', async () => {
    const backend = fakeBackend()
    await mountPage()
    await click(rowOf('王芳'))

    await click(byTestId('member-action-status'))
    expect(byTestId('member-change-current').textContent, 'the dialog should say where the member stands').toContain('在册')
    expect(await optionsOf('member-change-status'), 'the member’s own status is no change').toEqual([
      '转出',
      '停止党籍',
      '去世',
    ])
    await click(byTestId('member-change-date-as-text'))
    expect(byTestId<HTMLInputElement>('member-change-date').value, 'the date should start as the app’s today').toBe(TODAY)

    await choose('member-change-status', '转出')
    await type(byTestId<HTMLInputElement>('member-change-date'), '2026-03')
    await type(byTestId<HTMLTextAreaElement>('member-change-note'), ' 调往省人民医院 ')
    const listsBefore = backend.calls.filter((c) => c.cmd === 'member_list').length
    await click(byTestId('member-change-save'))

    expect(lastCall(backend.calls, 'member_change_status'), 'the change should be sent with its own date').toEqual({
      id: 11,
      status: '转出',
      date: '2026-03',
      note: '调往省人民医院',
    })
    expect(drawerField('党籍状态'), 'the drawer should show the member as now stored').toBe('转出')
    const statuses = byTestId('member-status-changes').textContent ?? ''
    expect(statuses, 'the change should appear in the history with its date').toContain('2026-03')
    expect(statuses).toContain('在册 → 转出')
    expect(
      backend.calls.filter((c) => c.cmd === 'member_list').length,
      'the list should be reloaded',
    ).toBeGreaterThan(listsBefore)
    expect(texts('td', rowOf('王芳')), 'the list should show the new status').toContain('转出')
    expect(backend.calls.map((c) => c.cmd), 'nothing should go through the undated member_update').not.toContain(
      'member_update',
    )
  })

  it('moves a member to another party group of their branch, dated, and offers none for a branch without groups', async () => {
    const backend = fakeBackend()
    await mountPage()

    await click(rowOf('王芳'))
    expect(
      byTestId<HTMLButtonElement>('member-action-group').disabled,
      'a member whose branch has no party groups has no group to move to',
    ).toBe(true)
    drawerClose()
    await closed()

    await click(rowOf('赵刚'))
    await click(byTestId('member-action-group'))
    expect(byTestId('member-change-current').textContent).toContain('第一党小组')
    expect(await optionsOf('member-change-group'), 'the other groups of the branch, or none').toEqual([
      '第二党小组',
      '不属于任何党小组',
    ])
    await choose('member-change-group', '第二党小组')
    await click(byTestId('member-change-save'))

    expect(lastCall(backend.calls, 'member_change_group'), 'dated the app’s today unless changed').toEqual({
      id: 13,
      groupId: 32,
      date: TODAY,
    })
    expect(drawerField('党小组')).toBe('第二党小组')
    const changes = byTestId('member-group-changes').textContent ?? ''
    expect(changes).toContain(TODAY)
    expect(changes).toContain('第一党小组')

    await closed()
    await click(byTestId('member-action-group'))
    await choose('member-change-group', '不属于任何党小组')
    await click(byTestId('member-change-save'))
    expect(lastCall(backend.calls, 'member_change_group'), 'none is sent as null').toEqual({
      id: 13,
      groupId: null,
      date: TODAY,
    })
  })

  it('transfers a member to another branch, showing the core’s refusal inside the dialog', async () => {
    const backend = fakeBackend()
    await mountPage()
    await click(rowOf('李明'))

    await click(byTestId('member-action-transfer'))
    expect(byTestId('member-change-current').textContent).toContain('内科第一党支部')
    expect(await optionsOf('member-change-branch'), 'the member’s own branch is not offered').toEqual(['外科党支部'])
    await choose('member-change-branch', '外科党支部')
    await click(byTestId('member-change-date-as-text'))
    await type(byTestId<HTMLInputElement>('member-change-date'), '2026-06-01')
    await click(byTestId('member-change-save'))

    expect(byTestId('member-change-error').textContent, 'the refusal should be shown as the core worded it').toContain(
      '转接日期 2026-06-01 晚于今天',
    )
    expect(changeDialogOpen('transfer'), 'the dialog should stay open').toBe(true)

    await type(byTestId<HTMLInputElement>('member-change-date'), '2026-04-01')
    await click(byTestId('member-change-save'))
    expect(lastCall(backend.calls, 'member_transfer')).toEqual({ id: 12, toBranchId: 3, date: '2026-04-01', note: null })
    await closed()
    expect(changeDialogOpen('transfer'), 'a recorded change closes the dialog').toBe(false)
    expect(drawerField('所在支部')).toBe('外科党支部')
    expect(byTestId('member-transfers').textContent).toContain('2026-04-01')
    expect(texts('[data-testid="member-row-branch"]', rowOf('李明')), 'the list should show the new branch').toEqual([
      '外科党支部',
    ])
  })

  it('asks for a date before sending a change', async () => {
    const backend = fakeBackend()
    await mountPage()
    await click(rowOf('王芳'))

    await click(byTestId('member-action-status'))
    await choose('member-change-status', '去世')
    await click(byTestId('member-change-date-as-text'))
    await type(byTestId<HTMLInputElement>('member-change-date'), '')
    await click(byTestId('member-change-save'))
    await vi.waitFor(() => expect(document.body.textContent).toContain('请填写变动日期'))

    await type(byTestId<HTMLInputElement>('member-change-date'), '2026.3')
    await click(byTestId('member-change-save'))
    await vi.waitFor(() => expect(document.body.textContent).toContain('变动日期应写成 YYYY-MM-DD'))
    expect(backend.calls.map((c) => c.cmd)).not.toContain('member_change_status')
  })

  it('shows an existing member’s 党籍状态, branch and group read-only, pointing to the dated actions', async () => {
    const backend = fakeBackend()
    await mountPage()

    await click(rowOf('赵刚'))
    await click(byTestId('member-detail-edit'))
    const disabled = (id: string) => el<HTMLInputElement>('input', byTestId(id)).disabled
    expect(
      ['member-form-status', 'member-form-branch', 'member-form-group'].map(disabled),
      'a change saved through the form would be dated today',
    ).toEqual([true, true, true])
    expect(byTestId('member-form-dated-hint').textContent, 'the form should say where such changes are made').toContain(
      '党籍变动',
    )
    expect(byTestId('member-form-group').textContent, 'the member’s group is still shown').toContain('第一党小组')

    await type(byTestId<HTMLInputElement>('member-form-phone'), '13700000000')
    await click(byTestId('member-form-submit'))
    expect(lastCall(backend.calls, 'member_update')?.member, 'status, branch and group go back as stored').toMatchObject({
      id: 13,
      status: '在册',
      branch_id: 3,
      group_id: 31,
      phone: '13700000000',
    })
    await closed()

    await click(byTestId('member-create'))
    expect(
      ['member-form-status', 'member-form-branch'].map(disabled),
      'a new member’s status and branch are entered in the form',
    ).toEqual([false, false])
    expect(document.querySelector('[data-testid="member-form-dated-hint"]'), 'no hint for a new member').toBeNull()
  })
})
