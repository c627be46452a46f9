import { afterEach, describe, expect, it } from 'vitest'
import { clearMocks, mockIPC, mockWindows } from '@tauri-apps/api/mocks'
import type { ImportReport } from '@/generated/ImportReport'
import type { RosterOptions } from '@/generated/RosterOptions'
import { byTestId, choose, click, el, mountPage, settle, texts } from '@/components/specHelpers'
import ImportPage from './ImportPage.vue'

const FILE = '/home/dangban/花名册.xlsx'

/** A preview of a two-row sheet: 王喆 is new, 李堃's ID number is wrong. */
function reportFor(options: RosterOptions): ImportReport {
  const mappedDept = options.mapping['工作单位'] === 'department'
  return {
    file: FILE,
    sheets: [
      {
        name: '花名册',
        header_row: 1,
        mapping: { 姓名: 'name', 身份证号: 'id_number', ...(mappedDept ? { 工作单位: 'department' } : {}) },
        unmapped: mappedDept ? [] : ['工作单位'],
        branch_from_name: null,
        rows: 2,
      },
    ],
    new: 1,
    updated: 0,
    unchanged: 0,
    changes: [],
    new_branches: [],
    errors: [{ sheet: '花名册', row: 3, column: '身份证号', value: '310116198503120011', message: '校验位不符（按前 17 位应为 9）' }],
    warnings: [],
    applied: false,
    backup: null,
    rows: [
      { sheet: '花名册', row: 2, outcome: 'new', cells: { 姓名: '王喆', 身份证号: '310116198503120019', 工作单位: '呼吸内科' }, problem_columns: [] },
      { sheet: '花名册', row: 3, outcome: 'invalid', cells: { 姓名: '李堃', 身份证号: '310116198503120011', 工作单位: '' }, problem_columns: ['身份证号'] },
    ],
  }
}

function fakeBackend() {
  mockWindows('main')
  const calls: { cmd: string; args: Record<string, unknown> }[] = []
  mockIPC((cmd, payload) => {
    const args = (payload ?? {}) as Record<string, unknown>
    calls.push({ cmd, args })
    switch (cmd) {
      case 'plugin:dialog|open':
        return FILE
      case 'plugin:dialog|save':
        return '/home/dangban/错误报告.xlsx'
      case 'roster_preview':
        return reportFor(args.options as RosterOptions)
      case 'roster_import':
        return { ...reportFor(args.options as RosterOptions), applied: true, backup: '/data/backups/dangjian-1.db', rows: [] }
      case 'roster_error_report':
        return 1
      default:
        return null
    }
  })
  return calls
}

afterEach(() => {
  clearMocks()
  document.body.innerHTML = ''
})

describe('ImportPage', () => {
  it('previews the chosen file with counts and highlights the cell in error', async () => {
    const calls = fakeBackend()
    await mountPage(ImportPage)
    await click(byTestId('import-choose'))

    const preview = calls.find((c) => c.cmd === 'roster_preview')
    expect(preview?.args.file, 'the chosen file is previewed').toBe(FILE)
    expect((preview?.args.options as RosterOptions).include_rows, 'the preview asks for every row').toBe(true)
    expect(texts('[data-testid="import-counts"] .el-statistic__content')).toEqual(['1', '0', '0', '1', '0'])
    expect(texts('[data-testid="import-bad-cell"]'), 'the wrong ID is highlighted').toEqual(['310116198503120011'])
    expect(byTestId('import-errors').textContent).toContain('花名册 第 3 行「身份证号」')
    expect(byTestId('import-errors').textContent).toContain('校验位不符')
  })

  it('re-runs the preview with a changed header mapping', async () => {
    const calls = fakeBackend()
    await mountPage(ImportPage)
    await click(byTestId('import-choose'))
    await choose('mapping-field-工作单位', '科室')

    const previews = calls.filter((c) => c.cmd === 'roster_preview')
    expect(previews, 'a second preview runs').toHaveLength(2)
    expect((previews[1].args.options as RosterOptions).mapping).toEqual({ 工作单位: 'department' })
  })

  it('will not import a file with errors unless the bad rows are skipped', async () => {
    const calls = fakeBackend()
    await mountPage(ImportPage)
    await click(byTestId('import-choose'))

    const confirm = () => el<HTMLButtonElement>('button[data-testid="import-confirm"]')
    expect(confirm().disabled, 'errors block the import').toBe(true)
    expect(byTestId('import-blocked').textContent).toContain('1 处错误')

    const skip = el<HTMLInputElement>('[data-testid="import-skip-invalid"] input')
    skip.checked = true
    skip.dispatchEvent(new Event('change', { bubbles: true }))
    await settle()
    expect(confirm().disabled).toBe(false)
    await click(confirm())

    const imported = calls.find((c) => c.cmd === 'roster_import')
    expect(imported?.args.file).toBe(FILE)
    expect((imported?.args.options as RosterOptions).skip_invalid).toBe(true)
    expect(byTestId('import-result').textContent).toContain('新增 1 人')
    expect(byTestId('import-result').textContent).toContain('/data/backups/dangjian-1.db')
  })

  it('saves the error report where the user chooses', async () => {
    const calls = fakeBackend()
    await mountPage(ImportPage)
    await click(byTestId('import-choose'))
    await click(byTestId('import-save-errors'))

    const saved = calls.find((c) => c.cmd === 'roster_error_report')
    expect(saved?.args.out).toBe('/home/dangban/错误报告.xlsx')
    expect(saved?.args.file).toBe(FILE)
    expect((saved?.args.report as ImportReport).errors).toHaveLength(1)
  })

  it('shows why a file could not be read', async () => {
    mockWindows('main')
    mockIPC((cmd) => {
      if (cmd === 'plugin:dialog|open') return FILE
      if (cmd === 'roster_preview') throw { code: 'invalid', message: '文件已加密，无法读取' }
      return null
    })
    await mountPage(ImportPage)
    await click(byTestId('import-choose'))
    expect(byTestId('import-error').textContent).toContain('文件已加密')
  })
})
