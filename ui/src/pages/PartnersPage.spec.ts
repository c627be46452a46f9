import { afterEach, describe, expect, it } from 'vitest'
import { clearMocks } from '@tauri-apps/api/mocks'
import type { Activity } from '@/generated/Activity'
import type { Branch } from '@/generated/Branch'
import type { Pairing } from '@/generated/Pairing'
import type { PairingView } from '@/generated/PairingView'
import type { Partner } from '@/generated/Partner'
import { blankBranch } from '@/api/branches'
import { blankActivity } from '@/api/brandWork'
import {
  answerNewestMessageBox,
  branchView,
  byTestId,
  choose,
  click,
  confirmMessageBox,
  fakeCore,
  fakeTable,
  lastCall,
  texts,
  toasts,
  type,
} from '@/components/specHelpers'
import { mountRouted } from './mountRouted'
import PartnersPage from './PartnersPage.vue'

const TODAY = '2026-05-20'

const partner = (id: number, name: string, fields: Partial<Partner> = {}): Partner => ({
  id,
  name,
  kind: 'village',
  contact: null,
  phone: null,
  address: null,
  note: null,
  ...fields,
})

const activity = (id: number, fields: Partial<Activity>): Activity => ({ ...blankActivity(2, '2026-01-01', '义诊'), id, ...fields })

/** Three partners; 新华村 paired with two branches, 枫南小学 with one, 滨江银行 with none. */
function fakeBackend() {
  const branches: Branch[] = [
    { ...blankBranch(), id: 2, name: '内科第一党支部' },
    { ...blankBranch(), id: 3, name: '外科党支部' },
  ]
  const partners = fakeTable('partner', 50, [
    partner(1, '新华村党总支', { contact: '张书记', phone: '021-57000001', address: '新华村村委会', note: '中医义诊点' }),
    partner(2, '枫南小学', { kind: 'school', contact: '刘校长' }),
    partner(3, '滨江银行金山支行', { kind: 'bank' }),
  ])
  const pairings = fakeTable<Pairing>('pairing', 50, [
    { id: 11, branch_id: 2, partner_id: 1, started_on: '2024-03', ended_on: '2025-12-31', content: '每季度义诊一次' },
    { id: 12, branch_id: 3, partner_id: 1, started_on: '2026-01-10', ended_on: null, content: null },
    { id: 13, branch_id: 3, partner_id: 2, started_on: '2025-09', ended_on: '2027-08', content: '急救知识进校园' },
  ])
  const activities: Record<number, Activity[]> = {
    11: [
      activity(101, { title: '新华村中医义诊', date: '2025-10-12', kind: '义诊', people_served: 120, partner_id: 1 }),
      activity(102, { title: '村民健康讲座', date: '2025-06-01', kind: '健康宣教', people_served: 60, partner_id: 1 }),
    ],
  }
  const names = (p: Pairing) => ({
    branch: branches.find((b) => b.id === p.branch_id)!.name,
    partner: partners.rows.find((x) => x.id === p.partner_id)!.name,
  })
  const calls = fakeCore({
    app_today: () => TODAY,
    branch_list: () => branches.map((b) => branchView(b)),
    partner_list: () => partners.rows,
    pairing_list: () =>
      pairings.rows.map((p): PairingView => ({ pairing: p, ...names(p), activities: activities[p.id] ?? [] })),
    ...partners.handlers,
    partner_delete: (args) => {
      const p = partners.rows.find((x) => x.id === args.id)!
      if (pairings.rows.some((x) => x.partner_id === p.id))
        throw { code: 'invalid', message: `「${p.name}」还有结对协议或联建活动，不能删除；请先删除或改动它们` }
      return partners.handlers.partner_delete!(args)
    },
    ...pairings.handlers,
  })
  return { calls }
}

const names = () => texts('[data-testid="partner-row"]')
const rowOf = (name: string) => {
  const row = [...document.querySelectorAll<HTMLElement>('tr.partner')].find((r) => r.textContent?.includes(name))
  if (!row) throw new Error(`expected a row for ${name}; the list shows ${names().join(', ')}`)
  return row
}
const pairingOf = (branch: string) => {
  const card = [...document.querySelectorAll<HTMLElement>('[data-testid="pairing-row"]')].find(
    (c) => byTestId('pairing-branch', c).textContent === branch,
  )
  if (!card) throw new Error(`expected a pairing of ${branch}`)
  return card
}

afterEach(() => {
  clearMocks()
  document.body.innerHTML = ''
})

describe('PartnersPage', () => {
  it('lists the partners with their kind, contact and paired branches', async () => {
    fakeBackend()
    await mountRouted(PartnersPage, '/partners')

    expect(names()).toEqual(['新华村党总支', '枫南小学', '滨江银行金山支行'])
    expect(texts('[data-testid="partner-kind"]')).toEqual(['村', '学校', '银行'])
    expect(texts('[data-testid="partner-branches"]')).toEqual(['内科第一党支部、外科党支部', '外科党支部', ''])
    expect(rowOf('新华村党总支').textContent).toContain('张书记')
    expect(rowOf('新华村党总支').textContent, 'the contact’s phone stays off the list').not.toContain('021-57000001')
  })

  it('narrows by kind', async () => {
    fakeBackend()
    await mountRouted(PartnersPage, '/partners')

    await choose('partners-kind', '学校')
    expect(names()).toEqual(['枫南小学'])
    await choose('partners-kind', '村')
    expect(names()).toEqual(['新华村党总支'])
    await choose('partners-kind', '银行')
    expect(names()).toEqual(['滨江银行金山支行'])
  })

  it('narrows to the partners a branch is paired with', async () => {
    fakeBackend()
    await mountRouted(PartnersPage, '/partners')

    await choose('partners-branch', '外科党支部')
    expect(names()).toEqual(['新华村党总支', '枫南小学'])
    await choose('partners-branch', '内科第一党支部')
    expect(names()).toEqual(['新华村党总支'])
    await choose('partners-branch', '全部支部')
    await type(byTestId<HTMLInputElement>('partners-search'), '村委会')
    expect(names(), 'the search looks at the address').toEqual(['新华村党总支'])
  })

  it('creates a partner with what the form says, then opens it', async () => {
    const backend = fakeBackend()
    await mountRouted(PartnersPage, '/partners')

    await click(byTestId('partner-new'))
    await type(byTestId<HTMLInputElement>('partner-form-name'), ' 合兴村党总支 ')
    await choose('partner-form-kind', '村')
    await type(byTestId<HTMLInputElement>('partner-form-contact'), '陈主任')
    await type(byTestId<HTMLInputElement>('partner-form-phone'), '13800000000')
    await type(byTestId<HTMLInputElement>('partner-form-address'), '合兴村')
    await click(byTestId('partner-form-save'))

    expect(lastCall(backend.calls, 'partner_create')?.partner).toEqual({
      id: 0,
      name: '合兴村党总支',
      kind: 'village',
      contact: '陈主任',
      phone: '13800000000',
      address: '合兴村',
      note: null,
    })
    expect(names()).toContain('合兴村党总支')
    expect(byTestId('partner-detail').textContent, 'the new partner opens, for its first pairing').toContain('13800000000')
    expect(byTestId('pairing-empty').textContent).toContain('还没有支部')
  })

  it('shows a partner’s agreements and the joint activities held under each', async () => {
    fakeBackend()
    await mountRouted(PartnersPage, '/partners')

    await click(rowOf('新华村党总支'))
    expect(texts('[data-testid="pairing-branch"]')).toEqual(['内科第一党支部', '外科党支部'])
    const first = pairingOf('内科第一党支部')
    expect(byTestId('pairing-term', first).textContent).toContain('签约 2024-03 · 期满 2025-12-31')
    expect(first.textContent, 'a term over before today').toContain('已期满')
    expect(byTestId('pairing-content', first).textContent).toBe('每季度义诊一次')
    expect(texts('[data-testid="pairing-activity-title"]', first)).toEqual(['新华村中医义诊', '村民健康讲座'])
    expect(first.textContent).toContain('120')
    const second = pairingOf('外科党支部')
    expect(second.textContent).not.toContain('已期满')
    expect(second.textContent).toContain('尚无联建活动')
  })

  it('adds, edits and deletes a pairing of the partner shown', async () => {
    const backend = fakeBackend()
    await mountRouted(PartnersPage, '/partners')
    await click(rowOf('滨江银行金山支行'))

    await click(byTestId('pairing-new'))
    expect(byTestId<HTMLInputElement>('pairing-form-partner').value, 'the partner is fixed').toBe('滨江银行金山支行')
    await choose('pairing-form-branch', '内科第一党支部')
    await click(byTestId('pairing-form-started-as-text'))
    await type(byTestId<HTMLInputElement>('pairing-form-started'), '2026-04')
    await type(byTestId<HTMLTextAreaElement>('pairing-form-content'), '金融知识与健康知识互进')
    await click(byTestId('pairing-form-save'))
    expect(lastCall(backend.calls, 'pairing_create')?.pairing).toEqual({
      id: 0,
      branch_id: 2,
      partner_id: 3,
      started_on: '2026-04',
      ended_on: null,
      content: '金融知识与健康知识互进',
    })
    expect(texts('[data-testid="pairing-branch"]'), 'the pairings are read again').toEqual(['内科第一党支部'])
    expect(texts('[data-testid="partner-branches"]')[2]).toBe('内科第一党支部')

    await click(byTestId('pairing-edit', pairingOf('内科第一党支部')))
    await choose('pairing-form-branch', '外科党支部')
    await click(byTestId('pairing-form-save'))
    expect(lastCall(backend.calls, 'pairing_update')?.pairing).toMatchObject({ id: 50, branch_id: 3, partner_id: 3 })
    expect(texts('[data-testid="pairing-branch"]')).toEqual(['外科党支部'])

    await click(byTestId('pairing-delete', pairingOf('外科党支部')))
    await confirmMessageBox('删除')
    expect(lastCall(backend.calls, 'pairing_delete')).toEqual({ id: 50 })
    expect(document.querySelector('[data-testid="pairing-row"]')).toBeNull()
  })

  it('shows the core’s refusal to delete a partner still paired, and deletes one that is not', async () => {
    const backend = fakeBackend()
    await mountRouted(PartnersPage, '/partners')

    await click(byTestId('partner-delete', rowOf('新华村党总支')))
    await confirmMessageBox('删除')
    expect(toasts().join(' ')).toContain('「新华村党总支」还有结对协议或联建活动，不能删除')
    expect(names()).toContain('新华村党总支')

    await click(byTestId('partner-delete', rowOf('滨江银行金山支行')))
    await answerNewestMessageBox('删除')
    expect(lastCall(backend.calls, 'partner_delete')).toEqual({ id: 3 })
    expect(names()).toEqual(['新华村党总支', '枫南小学'])
  })

  it('edits a partner from its row', async () => {
    const backend = fakeBackend()
    await mountRouted(PartnersPage, '/partners')

    await click(byTestId('partner-edit', rowOf('枫南小学')))
    expect(byTestId<HTMLInputElement>('partner-form-name').value).toBe('枫南小学')
    await type(byTestId<HTMLInputElement>('partner-form-contact'), '')
    await click(byTestId('partner-form-save'))
    expect(lastCall(backend.calls, 'partner_update')?.partner).toMatchObject({ id: 2, kind: 'school', contact: null })
    expect(rowOf('枫南小学').textContent).not.toContain('刘校长')
  })
})
