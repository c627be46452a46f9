import { afterEach, describe, expect, it, vi } from 'vitest'
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks'
import type { Branch } from '@/generated/Branch'
import { blankBranch } from '@/api/branches'
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

/** A small hospital: one general branch with two branches, one archived branch. */
function fakeBackend() {
  const branches: Branch[] = [
    branch({ id: 1, name: '临床党总支', kind: 'general_branch', secretary: '周敏' }),
    branch({
      id: 2,
      name: '内科第一党支部',
      parent_id: 1,
      secretary: '张伟',
      committee: [
        { name: '张伟', role: '书记' },
        { name: '李娜', role: '组织委员' },
      ],
      departments: ['心血管内科', '呼吸内科'],
      founded_on: '2015-07',
    }),
    branch({ id: 3, name: '外科党支部', parent_id: 1, secretary: '王强', departments: ['普外科'] }),
    branch({ id: 4, name: '原后勤党支部', archived: true }),
  ]
  const calls: { cmd: string; args: Record<string, unknown> }[] = []
  mockIPC((cmd, payload) => {
    const args = (payload ?? {}) as Record<string, unknown>
    calls.push({ cmd, args })
    switch (cmd) {
      case 'branch_list':
        return branches.map((b) => ({ ...b }))
      case 'branch_create': {
        const created = { ...(args.branch as Branch), id: 10 + branches.length }
        branches.push(created)
        return created
      }
      case 'branch_delete':
        throw { code: 'conflict', message: '支部「内科第一党支部」下还有 12 名党员，不能删除；不再使用的支部请改为「已归档」' }
      default:
        throw { code: 'internal', message: `unexpected command ${cmd}` }
    }
  })
  return { branches, calls }
}


const rowNames = () => texts('[data-testid="branch-row-name"]')

afterEach(() => {
  clearMocks()
  document.body.innerHTML = ''
})

describe('BranchesPage', () => {
  it('lists the active branches from branch_list with their parent, secretary and committee size', async () => {
    fakeBackend()
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

    await click(byTestId('branch-show-archived').querySelector('input')!)
    expect(rowNames(), 'the archived branch should appear once asked for').toContain('原后勤党支部')
  })

  it('narrows the list by the search box (name, secretary or department) and by kind', async () => {
    fakeBackend()
    await mountPage(BranchesPage)

    await type(byTestId<HTMLInputElement>('branch-search'), '王强')
    expect(rowNames(), 'searching a secretary should keep only their branch').toEqual(['外科党支部'])

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
    })
    expect(rowNames(), 'the list should be reloaded and show the new branch').toContain('医技第一党支部')
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
