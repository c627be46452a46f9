import { afterEach, describe, expect, it } from 'vitest'
import { clearMocks } from '@tauri-apps/api/mocks'
import type { Branch } from '@/generated/Branch'
import type { Honor } from '@/generated/Honor'
import type { Member } from '@/generated/Member'
import { blankBranch } from '@/api/branches'
import { blankBrand } from '@/api/brandWork'
import { blankMember } from '@/api/members'
import {
  branchView,
  byTestId,
  choose,
  click,
  confirmMessageBox,
  fakeCore,
  fakeTable,
  lastCall,
  pickRadio,
  settle,
  texts,
  type,
} from '@/components/specHelpers'
import { mountRouted } from './mountRouted'
import HonorsPage from './HonorsPage.vue'

const TODAY = '2026-05-20'

const honor = (id: number, fields: Partial<Honor>): Honor => ({
  id,
  title: '',
  level: '院级',
  awarded_on: null,
  issuer: null,
  branch_id: null,
  member_id: null,
  brand_id: null,
  note: null,
  ...fields,
})

/** Four honors: to a branch, a member of 外科, a brand of 医技, and the committee's own. */
function fakeBackend() {
  const branches: Branch[] = [
    { ...blankBranch(), id: 2, name: '内科第一党支部' },
    { ...blankBranch(), id: 3, name: '外科党支部' },
    { ...blankBranch(), id: 4, name: '医技第一党支部' },
  ]
  const members: Member[] = [
    { ...blankMember(3), id: 11, name: '王芳' },
    { ...blankMember(2), id: 12, name: '李明' },
    { ...blankMember(2), id: 13, name: '赵刚', status: '转出' },
  ]
  const brands = [{ ...blankBrand(4), id: 5, name: '精准百分百' }]
  const honors = fakeTable('honor', 20, [
    honor(1, { title: '先进基层党组织', level: '市级', awarded_on: '2025-07-01', issuer: '中共滨江市委', branch_id: 2 }),
    honor(2, { title: '优秀共产党员', level: '区级', awarded_on: '2026-06', member_id: 11 }),
    honor(3, { title: '最佳党建品牌', level: '省部级', awarded_on: '2026-03-15', issuer: '省卫健委', brand_id: 5 }),
    honor(4, { title: '文明单位', level: '国家级', awarded_on: '2024', note: '连续三届' }),
  ])
  const countsFor: Record<number, number> = { 1: 2, 2: 2, 3: 4 }
  const calls = fakeCore({
    app_today: () => TODAY,
    branch_list: () => branches.map((b) => branchView(b)),
    member_list: () => members,
    brand_list: () => brands,
    // The branch each counts for is the core's to say; 王芳 was in 内科 when awarded.
    honor_list: () => honors.rows.map((h) => ({ honor: h, counts_for: countsFor[h.id] ?? null })),
    attachment_list: () => [],
    ...honors.handlers,
  })
  return { calls }
}

const titles = () => texts('[data-testid="honor-title"]')
const rowOf = (title: string) => {
  const row = [...document.querySelectorAll<HTMLElement>('tr.honor-row')].find((r) => r.textContent?.includes(title))
  if (!row) throw new Error(`expected a row for ${title}; the list shows ${titles().join(', ')}`)
  return row
}
/** The options an el-select (by data-testid) offers. */
async function optionsOf(testId: string) {
  await click(byTestId(testId).querySelector('.el-select__wrapper')!)
  const list = document.getElementById(byTestId(testId).querySelector('input')!.getAttribute('aria-controls')!)!
  const found = texts('.el-select-dropdown__item', list)
  await click(byTestId(testId).querySelector('.el-select__wrapper')!)
  return found
}
/** Waits out the form's validation message transition. */
const afterTransition = async () => {
  await new Promise((resolve) => setTimeout(resolve, 400))
  await settle()
}

afterEach(() => {
  clearMocks()
  document.body.innerHTML = ''
})

describe('HonorsPage', () => {
  it('lists the honors newest first, each with its level and recipient', async () => {
    fakeBackend()
    await mountRouted(HonorsPage, '/honors')

    expect(titles()).toEqual(['优秀共产党员', '最佳党建品牌', '先进基层党组织', '文明单位'])
    expect(texts('[data-testid="honor-recipient"]')).toEqual(['王芳', '精准百分百', '内科第一党支部', '院党委'])
    expect(texts('[data-testid="honor-level"]')).toEqual(['区级', '省部级', '市级', '国家级'])
    expect(rowOf('先进基层党组织').textContent).toContain('中共滨江市委')
    expect(byTestId('honors-count').textContent).toContain('共 4 项荣誉')
  })

  it('narrows by year and level', async () => {
    fakeBackend()
    await mountRouted(HonorsPage, '/honors')

    await choose('honors-year', '2026年')
    expect(titles()).toEqual(['优秀共产党员', '最佳党建品牌'])
    await choose('honors-year', '全部年份')

    await choose('honors-level', '国家级')
    expect(titles()).toEqual(['文明单位'])
    await choose('honors-level', '市级')
    expect(titles()).toEqual(['先进基层党组织'])
  })

  it('places honors in the branches the core says they count for', async () => {
    fakeBackend()
    await mountRouted(HonorsPage, '/honors')

    await choose('honors-branch', '外科党支部')
    expect(titles(), '王芳 is in 外科 now, but her honor counts for 内科').toEqual([])
    await choose('honors-branch', '内科第一党支部')
    expect(titles(), 'the branch’s own, and its member’s of the day').toEqual(['优秀共产党员', '先进基层党组织'])
    await choose('honors-branch', '医技第一党支部')
    expect(titles(), 'the brand honored is 医技’s').toEqual(['最佳党建品牌'])
    await choose('honors-branch', '院党委')
    expect(titles()).toEqual(['文明单位'])
    await choose('honors-branch', '全部支部')

    await type(byTestId<HTMLInputElement>('honors-search'), '王芳')
    expect(titles(), 'the search looks at the recipient’s name').toEqual(['优秀共产党员'])
    await type(byTestId<HTMLInputElement>('honors-search'), '三届')
    expect(titles(), 'and the note').toEqual(['文明单位'])
  })

  it('records a new honor to exactly one recipient: the last one chosen', async () => {
    const backend = fakeBackend()
    await mountRouted(HonorsPage, '/honors')

    await click(byTestId('honor-new'))
    await type(byTestId<HTMLInputElement>('honor-form-title'), ' 优秀党务工作者 ')
    await pickRadio('honor-form-level', '市级')
    await type(byTestId<HTMLInputElement>('honor-form-issuer'), '中共滨江市卫健工委')

    await pickRadio('honor-form-recipient', '党员')
    expect(await optionsOf('honor-form-member'), 'members on the rolls are offered').toEqual([
      '王芳（外科党支部）',
      '李明（内科第一党支部）',
    ])
    await choose('honor-form-member', '李明（内科第一党支部）')
    await pickRadio('honor-form-recipient', '品牌')
    expect(document.querySelector('[data-testid="honor-form-member"]'), 'one select at a time').toBeNull()
    await choose('honor-form-brand', '精准百分百（医技第一党支部）')
    await click(byTestId('honor-form-save'))

    expect(lastCall(backend.calls, 'honor_create')?.honor).toEqual({
      id: 0,
      title: '优秀党务工作者',
      level: '市级',
      awarded_on: null,
      issuer: '中共滨江市卫健工委',
      branch_id: null,
      member_id: null,
      brand_id: 5,
      note: null,
    })
    await settle()
    expect(byTestId('honor-detail-recipient').textContent, 'the new honor opens, for its certificate scans').toBe(
      '精准百分百',
    )
    expect(lastCall(backend.calls, 'attachment_list')).toEqual({ owner: 'honor', id: 20 })
  })

  it('asks for the recipient of the kind chosen before saving', async () => {
    const backend = fakeBackend()
    await mountRouted(HonorsPage, '/honors')

    await click(byTestId('honor-new'))
    await type(byTestId<HTMLInputElement>('honor-form-title'), '先进党支部')
    await pickRadio('honor-form-recipient', '支部')
    await click(byTestId('honor-form-save'))
    await afterTransition()
    expect(lastCall(backend.calls, 'honor_create'), 'nothing is sent without the branch').toBeUndefined()
    expect(texts('.el-form-item__error')).toEqual(['请选择获奖的支部'])

    await choose('honor-form-branch', '外科党支部')
    await click(byTestId('honor-form-save'))
    expect(lastCall(backend.calls, 'honor_create')?.honor).toMatchObject({ branch_id: 3, member_id: null, brand_id: null })
  })

  it('edits an honor: its recipient is shown, and changing it to the committee clears every id', async () => {
    const backend = fakeBackend()
    await mountRouted(HonorsPage, '/honors')

    await click(byTestId('honor-edit', rowOf('优秀共产党员')))
    expect(byTestId<HTMLInputElement>('honor-form-title').value).toBe('优秀共产党员')
    expect(byTestId('honor-form-member').textContent).toContain('王芳')
    expect(byTestId('honor-form-scans-list').dataset.owner, 'scans of a saved honor can be added').toBe('honor')

    await pickRadio('honor-form-recipient', '院党委')
    await click(byTestId('honor-form-save'))
    expect(lastCall(backend.calls, 'honor_update')?.honor).toMatchObject({
      id: 2,
      branch_id: null,
      member_id: null,
      brand_id: null,
    })
    await settle()
    expect(rowOf('优秀共产党员').textContent).toContain('院党委')
  })

  it('opens an honor with its certificate scans, and deletes it after the user confirms', async () => {
    const backend = fakeBackend()
    await mountRouted(HonorsPage, '/honors')

    await click(rowOf('最佳党建品牌'))
    expect(byTestId('honor-detail-recipient').textContent).toBe('精准百分百')
    expect(lastCall(backend.calls, 'attachment_list')).toEqual({ owner: 'honor', id: 3 })
    expect(byTestId('honor-scans-list')).toBeTruthy()

    await click(byTestId('honor-detail-delete'))
    await confirmMessageBox('删除')
    expect(lastCall(backend.calls, 'honor_delete')).toEqual({ id: 3 })
    expect(titles()).not.toContain('最佳党建品牌')
  })
})
