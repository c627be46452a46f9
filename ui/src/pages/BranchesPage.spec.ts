import { afterEach, describe, expect, it, vi } from 'vitest'
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks'
import type { Branch } from '@/generated/Branch'
import type { BranchView } from '@/generated/BranchView'
import type { CommitteePost } from '@/generated/CommitteePost'
import type { Member } from '@/generated/Member'
import type { MemberFilter } from '@/generated/MemberFilter'
import { blankBranch } from '@/api/branches'
import { blankMember } from '@/api/members'
import {
  byTestId,
  choose,
  click,
  confirmMessageBox,
  mountPage,
  pickRadio,
  settle,
  texts,
  toasts,
  type,
} from '@/components/specHelpers'
import BranchesPage from './BranchesPage.vue'

const branch = (fields: Partial<Branch> & Pick<Branch, 'id' | 'name'>): Branch => ({ ...blankBranch(), ...fields })

const TODAY = '2026-05-20'

const post = (p: Partial<CommitteePost> & Pick<CommitteePost, 'member_id' | 'name' | 'role'>): CommitteePost => ({
  duty: null,
  started_on: null,
  ended_on: null,
  ...p,
})

/**
 * A small hospital: one general branch with two branches, one archived branch.
 * 内科第一党支部 changed secretary at the start of 2024: 刘洋's post is history.
 * 外科党支部's 王强 hands over to 孙丽 in July: today the core still names 王强.
 * branch_list answers as the core does, with the secretary and committee size
 * of its today (the page shows them as given and works nothing out itself).
 */
function fakeBackend() {
  const branches: Branch[] = [
    branch({ id: 1, name: '临床党总支', kind: 'general_branch', committee: [post({ member_id: 11, name: '周敏', role: 'secretary' })] }),
    branch({
      id: 2,
      name: '内科第一党支部',
      parent_id: 1,
      committee: [
        post({ member_id: 24, name: '刘洋', role: 'secretary', started_on: '2015-07', ended_on: '2023-12-31' }),
        post({ member_id: 21, name: '张伟', role: 'secretary', started_on: '2024-01-01' }),
        post({ member_id: 22, name: '李娜', role: 'member', duty: '组织委员', started_on: '2024-01-01' }),
      ],
      departments: ['心血管内科', '呼吸内科'],
      founded_on: '2015-07',
    }),
    branch({
      id: 3,
      name: '外科党支部',
      parent_id: 1,
      committee: [
        post({ member_id: 31, name: '王强', role: 'secretary', ended_on: '2026-06-30' }),
        post({ member_id: 32, name: '孙丽', role: 'secretary', started_on: '2026-07-01' }),
      ],
      departments: ['普外科'],
    }),
    branch({ id: 4, name: '原后勤党支部', archived: true }),
  ]
  const members: Member[] = [
    { ...blankMember(1), id: 11, name: '周敏' },
    { ...blankMember(2), id: 21, name: '张伟' },
    { ...blankMember(2), id: 22, name: '李娜' },
    { ...blankMember(2), id: 23, name: '陈静' },
    { ...blankMember(3), id: 31, name: '王强' },
    { ...blankMember(3), id: 32, name: '孙丽' },
  ]
  // What the core works out for its today (2026-05-20); a row the test adds has neither.
  const now: Record<number, Pick<BranchView, 'secretary_now' | 'committee_now'>> = {
    1: { secretary_now: '周敏', committee_now: 1 },
    2: { secretary_now: '张伟', committee_now: 2 },
    3: { secretary_now: '王强', committee_now: 1 },
  }
  const calls: { cmd: string; args: Record<string, unknown> }[] = []
  mockIPC((cmd, payload) => {
    const args = (payload ?? {}) as Record<string, unknown>
    calls.push({ cmd, args })
    switch (cmd) {
      case 'app_today':
        return TODAY
      case 'branch_list':
        return branches.map((b): BranchView => ({ ...b, ...(now[b.id] ?? { secretary_now: null, committee_now: 0 }) }))
      case 'member_list': {
        const filter = args.filter as MemberFilter
        return members.filter((m) => m.branch_id === filter.branch_id)
      }
      case 'branch_create': {
        const created = { ...(args.branch as Branch), id: 10 + branches.length }
        branches.push(created)
        return created
      }
      case 'branch_update': {
        const updated = args.branch as Branch
        const sitting = updated.committee.filter((p) => p.role === 'secretary' && !p.ended_on)
        if (sitting.length > 1)
          throw { code: 'invalid', message: `两名书记的任期重叠（${sitting[1]!.name}）；换届时请先填写前任的离任日期，再添加新任` }
        branches.splice(branches.findIndex((b) => b.id === updated.id), 1, updated)
        return updated
      }
      case 'branch_delete':
        throw { code: 'conflict', message: '支部「内科第一党支部」下还有 12 名党员，不能删除；不再使用的支部请改为「已归档」' }
      default:
        throw { code: 'internal', message: `unexpected command ${cmd}` }
    }
  })
  return { branches, calls }
}

/** Opens the edit dialog of the listed branch named `name`. */
async function openEdit(name: string) {
  const row = [...document.querySelectorAll('tr.branch-row')].find((r) => r.textContent?.includes(name))
  if (!row) throw new Error(`expected a row for ${name}`)
  await click(row.querySelector('[data-testid="branch-edit"]')!)
}

const postRows = () => [...document.querySelectorAll<HTMLElement>('[data-testid="committee-post"]')]

const rowNames = () => texts('[data-testid="branch-row-name"]')

afterEach(() => {
  clearMocks()
  document.body.innerHTML = ''
})

describe('BranchesPage', () => {
  it('lists the active branches with their parent, and the secretary and committee size the core gives for today', async () => {
    const backend = fakeBackend()
    await mountPage(BranchesPage)

    expect(rowNames(), 'archived branches should be hidden until asked for').toEqual([
      '临床党总支',
      '内科第一党支部',
      '外科党支部',
    ])
    const second = document.querySelectorAll('tr.branch-row')[1]!
    const cells = texts('td', second)
    expect(cells, 'a row should show kind, parent, secretary, committee size, departments and date').toEqual(
      expect.arrayContaining(['党支部', '临床党总支', '张伟', '2', '心血管内科、呼吸内科', '2015-07', '在用']),
    )
    expect(texts('[data-testid="branch-row-secretary"]'), 'the secretary column should be the core’s secretary_now').toEqual([
      '周敏',
      '张伟',
      '王强',
    ])
    expect(texts('[data-testid="branch-row-committee"]'), 'the committee size should be the core’s committee_now').toEqual([
      '1',
      '2',
      '1',
    ])
    expect(
      backend.calls.map((c) => c.cmd),
      'nothing is worked out on the page, so it needs no today of its own',
    ).not.toContain('app_today')

    await click(byTestId('branch-show-archived').querySelector('input')!)
    expect(rowNames(), 'the archived branch should appear once asked for').toContain('原后勤党支部')
  })

  it('narrows the list by the search box (name, today’s secretary or department) and by kind', async () => {
    fakeBackend()
    await mountPage(BranchesPage)

    await type(byTestId<HTMLInputElement>('branch-search'), '王强')
    expect(rowNames(), 'searching a secretary should keep only their branch').toEqual(['外科党支部'])

    await type(byTestId<HTMLInputElement>('branch-search'), '刘洋')
    expect(rowNames(), 'a former secretary should not match').toEqual([])

    await type(byTestId<HTMLInputElement>('branch-search'), '孙丽')
    expect(rowNames(), 'a successor not yet in office should not match').toEqual([])

    await type(byTestId<HTMLInputElement>('branch-search'), '呼吸')
    expect(rowNames(), 'searching a department should keep the branch covering it').toEqual(['内科第一党支部'])

    await type(byTestId<HTMLInputElement>('branch-search'), '')
    await choose('branch-filter-kind', '党总支')
    expect(rowNames(), 'the kind filter should keep only general branches').toEqual(['临床党总支'])
  })

  it('creates a branch through the dialog with the typed name and chosen kind', async () => {
    const backend = fakeBackend()
    await mountPage(BranchesPage)

    await click(byTestId('branch-create'))
    expect(byTestId('branch-form-committee-note').textContent, 'a new branch has no members to seat yet').toContain(
      '请先保存支部并添加党员',
    )
    await type(byTestId<HTMLInputElement>('branch-form-name'), '  医技第一党支部 ')
    await pickRadio('branch-form-kind', '党总支')
    await click(byTestId('branch-form-submit'))

    const create = backend.calls.find((c) => c.cmd === 'branch_create')
    expect(create, 'saving the dialog should call branch_create').toBeDefined()
    expect(create!.args.branch, 'the new branch should carry the trimmed name and the chosen kind').toMatchObject({
      id: 0,
      name: '医技第一党支部',
      kind: 'general_branch',
      archived: false,
      committee: [],
    })
    expect(rowNames(), 'the list should be reloaded and show the new branch').toContain('医技第一党支部')
  })

  it('edits the committee as dated posts: the predecessor’s post ended, the successor’s added', async () => {
    const backend = fakeBackend()
    await mountPage(BranchesPage)
    await openEdit('内科第一党支部')

    expect(
      backend.calls.filter((c) => c.cmd === 'member_list').map((c) => (c.args.filter as MemberFilter).branch_id),
      'the committee should be chosen from the branch’s own members',
    ).toEqual([2])
    expect(byTestId('committee-hint').textContent, 'the dialog should say how a change of secretary is entered').toContain(
      '先给前任填写「离任日期」',
    )
    const rows = postRows()
    const ended = (r: HTMLElement) => r.querySelector('[data-testid="committee-post-ended-tag"]') !== null
    expect(rows.map(ended), 'open posts first, the one with a 离任日期 last as history').toEqual([
      false,
      false,
      true,
    ])
    expect(rows[2]!.classList, 'an ended post should be greyed').toContain('committee__post--past')
    expect(rows[0]!.textContent).toContain('张伟')

    // 张伟 hands over at the end of March; 陈静 takes the seat in April.
    await click(byTestId('committee-post-ended-0-as-text'))
    await type(byTestId<HTMLInputElement>('committee-post-ended-0'), '2026-03-31')
    await click(byTestId('committee-add'))
    expect(postRows(), 'the new post should come above the history').toHaveLength(4)
    await choose('committee-post-member-2', '陈静')
    await click(byTestId('committee-post-started-2-as-text'))
    await type(byTestId<HTMLInputElement>('committee-post-started-2'), '2026-04')
    await click(byTestId('branch-form-submit'))

    const update = backend.calls.find((c) => c.cmd === 'branch_update')
    expect(update, 'saving the dialog should call branch_update').toBeDefined()
    expect(update!.args.branch, 'the core’s figures for today are not part of the record sent').not.toHaveProperty(
      'secretary_now',
    )
    expect(update!.args.branch).not.toHaveProperty('committee_now')
    expect((update!.args.branch as Branch).committee, 'every post, past and present, should be sent with its dates').toEqual([
      { member_id: 21, name: '张伟', role: 'secretary', duty: null, started_on: '2024-01-01', ended_on: '2026-03-31' },
      { member_id: 22, name: '李娜', role: 'member', duty: '组织委员', started_on: '2024-01-01', ended_on: null },
      { member_id: 23, name: '陈静', role: 'secretary', duty: null, started_on: '2026-04', ended_on: null },
      { member_id: 24, name: '刘洋', role: 'secretary', duty: null, started_on: '2015-07', ended_on: '2023-12-31' },
    ])
  })

  it('shows the core’s refusal of two sitting secretaries inside the dialog', async () => {
    const backend = fakeBackend()
    await mountPage(BranchesPage)
    await openEdit('内科第一党支部')

    await click(byTestId('committee-add'))
    await choose('committee-post-member-2', '陈静')
    await choose('committee-post-role-2', '书记')
    await click(byTestId('branch-form-submit'))

    expect(backend.calls.map((c) => c.cmd)).toContain('branch_update')
    expect(byTestId('branch-form-error').textContent, 'the refusal should say to end the predecessor’s post first').toContain(
      '请先填写前任的离任日期',
    )
    expect(postRows(), 'the dialog should stay open with the posts as entered').toHaveLength(4)
  })

  it('refuses to save a post without a member', async () => {
    const backend = fakeBackend()
    await mountPage(BranchesPage)
    await openEdit('外科党支部')
    expect(
      postRows().map((r) => [r.textContent?.includes('孙丽'), r.querySelector('[data-testid="committee-post-ended-tag"]') !== null]),
      'a post with a 离任日期 goes below the open ones, whatever the date',
    ).toEqual([
      [true, false],
      [false, true],
    ])
    await click(byTestId('committee-add'))
    await click(byTestId('branch-form-submit'))

    await vi.waitFor(() => expect(document.body.textContent).toContain('每项任职都要选择党员'))
    expect(backend.calls.map((c) => c.cmd)).not.toContain('branch_update')
  })

  it('offers a 党总支 the members of the branches under it', async () => {
    const backend = fakeBackend()
    await mountPage(BranchesPage)
    await openEdit('临床党总支')

    expect(
      backend.calls.filter((c) => c.cmd === 'member_list').map((c) => (c.args.filter as MemberFilter).branch_id),
      'a general branch’s committee may come from its own and its branches’ members',
    ).toEqual([1, 2, 3])
    await click(byTestId('committee-add'))
    await choose('committee-post-member-1', '陈静 · 内科第一党支部')
    await click(byTestId('branch-form-submit'))
    const update = backend.calls.find((c) => c.cmd === 'branch_update')
    expect((update!.args.branch as Branch).committee.map((p) => [p.member_id, p.role])).toEqual([
      [11, 'secretary'],
      [23, 'member'],
    ])
  })

  // Form rules run only because vite.config.ts inlines element-plus for Vitest.
  // The message itself appears 100 ms after validation fails (ElFormItem shows
  // it through refDebounced(validateState, 100)), hence vi.waitFor.
  it('refuses to save a branch without a name, saying so in Chinese', async () => {
    const backend = fakeBackend()
    await mountPage(BranchesPage)

    await click(byTestId('branch-create'))
    await click(byTestId('branch-form-submit'))

    await vi.waitFor(() =>
      expect(document.body.textContent, 'the form should ask for the name').toContain('请填写支部名称'),
    )
    expect(backend.calls.map((c) => c.cmd), 'nothing should be sent without a name').not.toContain('branch_create')
  })

  it('shows the server’s reason when a delete is refused, and keeps the branch', async () => {
    const backend = fakeBackend()
    await mountPage(BranchesPage)

    const row = document.querySelectorAll('tr.branch-row')[1]!
    await click(row.querySelector('[data-testid="branch-delete"]')!)
    await confirmMessageBox('删除')
    await settle()

    expect(backend.calls.find((c) => c.cmd === 'branch_delete')?.args, 'the confirmed delete should be sent').toEqual({
      id: 2,
    })
    expect(toasts().join(), 'the refusal should be shown as the server worded it').toContain(
      '支部「内科第一党支部」下还有 12 名党员，不能删除',
    )
    expect(rowNames(), 'the branch should still be listed').toContain('内科第一党支部')
  })
})
