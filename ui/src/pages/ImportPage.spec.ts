import { afterEach, describe, expect, it, vi } from 'vitest'
import type { VueWrapper } from '@vue/test-utils'
import { clearMocks, mockIPC, mockWindows } from '@tauri-apps/api/mocks'
import { emit } from '@tauri-apps/api/event'
import type { ImportReport } from '@/generated/ImportReport'
import type { HoursOptions } from '@/generated/HoursOptions'
import type { RosterOptions } from '@/generated/RosterOptions'
import { byTestId, choose, click, el, mountPage, pickRadio, settle, texts, toasts } from '@/components/specHelpers'
import ImportPage from './ImportPage.vue'

const FILE = '/home/dangban/花名册.xlsx'
const SAVE_DIR = '/home/dangban/'

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
      { name: '说明', header_row: null, mapping: {}, unmapped: [], branch_from_name: null, rows: 0 },
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

/** A preview of a sheet of hours: 王喆 is new, 陈玥's hours change from 1 to 1.5. */
function hoursReportFor(options: HoursOptions): ImportReport {
  const mappedActivity = options.mapping['服务内容'] === 'activity'
  return {
    ...reportFor({ sheet: null, mapping: {}, skip_invalid: false, create_branches: false, include_rows: true }),
    sheets: [
      {
        name: '时长',
        header_row: 1,
        mapping: { 姓名: 'name', 时长: 'hours', ...(mappedActivity ? { 服务内容: 'activity' } : {}) },
        unmapped: mappedActivity ? [] : ['服务内容'],
        branch_from_name: null,
        rows: 2,
      },
    ],
    new: 1,
    updated: 1,
    changes: [
      {
        id: 7,
        name: '陈玥',
        sheet: '时长',
        row: 3,
        fields: [{ field: '新华村中医义诊（2026-03-15）时长', before: '1', after: '1.5' }],
      },
    ],
    errors: [],
    rows: [],
  }
}

type Handler = (args: Record<string, unknown>) => unknown

/**
 * The commands the page uses, answered as the Rust side would; `overrides`
 * replaces some. The open dialog picks FILE; the save dialog keeps its
 * default file name, in SAVE_DIR. Events are mocked too.
 */
function fakeBackend(overrides: Record<string, Handler> = {}) {
  mockWindows('main')
  const calls: { cmd: string; args: Record<string, unknown> }[] = []
  const handlers: Record<string, Handler> = {
    'plugin:dialog|open': () => FILE,
    'plugin:dialog|save': (args) => SAVE_DIR + (args.options as { defaultPath: string }).defaultPath,
    roster_preview: (args) => reportFor(args.options as RosterOptions),
    roster_import: (args) => ({
      ...reportFor(args.options as RosterOptions),
      applied: true,
      backup: '/data/backups/dangjian-1.db',
      rows: [],
    }),
    roster_error_report: () => 1,
    hours_import_preview: (args) => hoursReportFor(args.options as HoursOptions),
    hours_import: (args) => ({
      ...hoursReportFor(args.options as HoursOptions),
      applied: true,
      backup: '/data/backups/dangjian-2.db',
    }),
    roster_template: () => null,
    roster_export: () => 148,
    ...overrides,
  }
  mockIPC(
    (cmd, payload) => {
      const args = (payload ?? {}) as Record<string, unknown>
      calls.push({ cmd, args })
      const handler = handlers[cmd]
      if (!handler) throw { code: 'internal', message: `unexpected command ${cmd}` }
      return handler(args)
    },
    { shouldMockEvents: true },
  )
  return calls
}

let page: VueWrapper | null = null
async function openPage() {
  page = await mountPage(ImportPage)
  return page
}

/** Chooses FILE and goes on from the header check to the preview. */
async function previewFile() {
  await click(byTestId('import-choose'))
  await click(byTestId('import-next'))
}

const tick = async (input: HTMLInputElement) => {
  input.checked = true
  input.dispatchEvent(new Event('change', { bubbles: true }))
  await settle()
}

const previewOptions = (calls: ReturnType<typeof fakeBackend>) =>
  calls.filter((c) => c.cmd === 'roster_preview').map((c) => c.args.options as RosterOptions)

afterEach(() => {
  page?.unmount()
  page = null
  clearMocks()
  document.body.innerHTML = ''
})

describe('ImportPage', () => {
  it('previews the chosen file with counts and highlights the cell in error, with its message', async () => {
    const calls = fakeBackend()
    await openPage()
    await click(byTestId('import-choose'))

    const preview = calls.find((c) => c.cmd === 'roster_preview')
    expect(preview?.args.file, 'the chosen file is previewed').toBe(FILE)
    expect((preview?.args.options as RosterOptions).include_rows, 'the preview asks for every row').toBe(true)
    expect(texts('.el-step__title.is-process'), 'the header check comes first').toEqual(['核对表头'])
    expect(byTestId('import-summary').textContent).toContain('新增 1 人')
    expect(byTestId('import-mapping').textContent, 'a sheet without a roster is shown as skipped').toContain(
      '未找到花名册，已跳过',
    )

    await click(byTestId('import-next'))
    expect(texts('.el-step__title.is-process')).toEqual(['预览'])
    expect(texts('[data-testid="import-counts"] .el-statistic__head')).toEqual(['新增', '更新', '无变化', '错误', '提醒'])
    expect(texts('[data-testid="import-counts"] .el-statistic__content')).toEqual(['1', '0', '0', '1', '0'])
    expect(texts('[data-testid="import-bad-cell"]'), 'the wrong ID is highlighted').toEqual(['310116198503120011'])
    expect(byTestId('import-errors').textContent).toContain('花名册 第 3 行「身份证号」')
    expect(byTestId('import-errors').textContent).toContain('校验位不符')

    byTestId('import-bad-cell').dispatchEvent(new MouseEvent('mouseenter', { bubbles: true }))
    await vi.waitFor(() =>
      expect(texts('.el-popper').join(), 'hovering the cell tells what is wrong with it').toContain(
        '校验位不符（按前 17 位应为 9）',
      ),
    )

    await click(byTestId('import-only-invalid').querySelector('input')!)
    expect(texts('[data-testid="import-rows"] tbody tr .el-tag'), 'only the row in error is left').toEqual(['有错误'])
  })

  it('re-runs the preview with a changed header mapping', async () => {
    const calls = fakeBackend()
    await openPage()
    await click(byTestId('import-choose'))
    await choose('mapping-field-工作单位', '科室')

    const options = previewOptions(calls)
    expect(options, 'a second preview runs').toHaveLength(2)
    expect(options[1].mapping).toEqual({ 工作单位: 'department' })
    expect(
      el<HTMLInputElement>('[data-testid="mapping-field-工作单位"] input').closest('.el-select')?.textContent,
      'the select shows the new field',
    ).toContain('科室')
  })

  it('keeps the latest preview when an earlier one answers last', async () => {
    const answer: (() => void)[] = []
    let count = 0
    fakeBackend({
      roster_preview: (args) => {
        count += 1
        const report = { ...reportFor(args.options as RosterOptions), new: count }
        return count === 1 ? report : new Promise<ImportReport>((resolve) => answer.push(() => resolve(report)))
      },
    })
    await openPage()
    await click(byTestId('import-choose'))
    await choose('mapping-field-工作单位', '科室')
    await tick(el<HTMLInputElement>('[data-testid="import-create-branches"] input'))

    answer[1]!()
    await settle()
    answer[0]!()
    await settle()
    expect(byTestId('import-summary').textContent, 'the third preview is the one shown').toContain('新增 3 人')
  })

  it('will not import a file with errors unless the bad rows are skipped, then imports with the same options', async () => {
    const calls = fakeBackend()
    await openPage()
    await click(byTestId('import-choose'))
    await tick(el<HTMLInputElement>('[data-testid="import-create-branches"] input'))
    await click(byTestId('import-next'))

    const confirm = () => el<HTMLButtonElement>('button[data-testid="import-confirm"]')
    expect(confirm().disabled, 'errors block the import').toBe(true)
    expect(byTestId('import-blocked').textContent).toContain('1 处错误')

    await tick(el<HTMLInputElement>('[data-testid="import-skip-invalid"] input'))
    expect(confirm().disabled).toBe(false)
    await click(confirm())

    const imported = calls.find((c) => c.cmd === 'roster_import')
    const previewed = previewOptions(calls).at(-1)!
    expect(previewed, 'the last preview had both boxes ticked').toMatchObject({ create_branches: true, skip_invalid: true })
    expect(imported?.args.file).toBe(FILE)
    expect(imported?.args.options, 'the import runs with the options of the preview').toEqual({
      ...previewed,
      include_rows: false,
    })
    expect(texts('.el-step__title.is-process'), 'the last step is reached').toEqual(['完成'])
    expect(byTestId('import-result').textContent).toContain('已新增 1 人')
    expect(byTestId('import-result').textContent).toContain('/data/backups/dangjian-1.db')
  })

  it('saves the error report where the user chooses', async () => {
    const calls = fakeBackend()
    await openPage()
    await previewFile()
    await click(byTestId('import-save-errors'))

    const dialog = calls.find((c) => c.cmd === 'plugin:dialog|save')
    expect((dialog?.args.options as { defaultPath: string }).defaultPath).toBe('错误报告.xlsx')
    const saved = calls.find((c) => c.cmd === 'roster_error_report')
    expect(saved?.args.out).toBe(SAVE_DIR + '错误报告.xlsx')
    expect(saved?.args.file).toBe(FILE)
    expect((saved?.args.report as ImportReport).errors).toHaveLength(1)
    expect(toasts().join()).toContain('已保存错误报告')
  })

  it('writes the blank template where the user chooses', async () => {
    const calls = fakeBackend()
    await openPage()
    await click(byTestId('import-template'))

    expect(calls.find((c) => c.cmd === 'roster_template')?.args).toEqual({ out: SAVE_DIR + '党员花名册模板.xlsx' })
    expect(toasts().join()).toContain('已生成空白模板')
  })

  it('asks whether the exported roster masks ID and phone numbers, masked unless full numbers are chosen', async () => {
    const calls = fakeBackend()
    await openPage()
    await click(byTestId('import-export'))
    expect(calls.map((c) => c.cmd), 'nothing written before the choice').not.toContain('roster_export')
    await click(byTestId('roster-export-confirm'))
    expect(calls.find((c) => c.cmd === 'roster_export')?.args).toEqual({ out: SAVE_DIR + '党员花名册.xlsx', fullNumbers: false })

    await click(byTestId('import-export'))
    await click(byTestId('roster-export-full'))
    await click(byTestId('roster-export-confirm'))
    expect(calls.filter((c) => c.cmd === 'roster_export').pop()?.args).toEqual({
      out: SAVE_DIR + '党员花名册（完整号码）.xlsx',
      fullNumbers: true,
    })
    expect(toasts().join()).toContain('已导出 148 名党员')
  })

  it('shows the progress the backend reports while a preview runs', async () => {
    let finish = () => {}
    fakeBackend({
      roster_preview: (args) =>
        new Promise<ImportReport>((resolve) => (finish = () => resolve(reportFor(args.options as RosterOptions)))),
    })
    await openPage()
    await click(byTestId('import-choose'))
    await emit('import-progress', { stage: '正在检查', done: 50, total: 200 })
    await settle()

    expect(byTestId('import-progress').textContent).toContain('正在检查')
    expect(byTestId('import-progress').getAttribute('aria-valuenow')).toBe('25')

    finish()
    await settle()
    expect(document.querySelector('[data-testid="import-progress"]'), 'the bar goes once the preview is done').toBeNull()
  })

  it('previews a roster dropped onto the window, and refuses other files', async () => {
    const calls = fakeBackend()
    await openPage()

    await emit('tauri://drag-enter', { paths: [FILE], position: { x: 10, y: 10 } })
    await settle()
    expect(byTestId('import-drop').classList, 'the drop zone lights up').toContain('choose--dragging')

    await emit('tauri://drag-drop', { paths: ['/home/dangban/通知.docx'], position: { x: 10, y: 10 } })
    await settle()
    expect(calls.some((c) => c.cmd === 'roster_preview'), 'a Word file is not read').toBe(false)
    expect(toasts().join()).toContain('只能导入')

    await emit('tauri://drag-drop', { paths: [FILE], position: { x: 10, y: 10 } })
    await settle()
    expect(calls.find((c) => c.cmd === 'roster_preview')?.args.file).toBe(FILE)
    expect(byTestId('import-mapping').textContent).toContain('工作表「花名册」')
  })

  it('shows why a file could not be read', async () => {
    fakeBackend({
      roster_preview: () => {
        throw { code: 'invalid', message: '文件已加密，无法读取' }
      },
    })
    await openPage()
    await click(byTestId('import-choose'))
    expect(byTestId('import-error').textContent).toContain('文件已加密')
    expect(texts('.el-step__title.is-process'), 'the page stays on choosing a file').toEqual(['选择文件'])
  })

  it('imports volunteer hours when chosen before the file, with their own fields and wording', async () => {
    const calls = fakeBackend()
    await openPage()
    expect(texts('.page-title')).toEqual(['导入党员花名册'])
    await pickRadio('import-kind', '志愿服务时长')
    expect(texts('.page-title'), 'the page says what it imports').toEqual(['导入志愿服务时长'])
    expect(byTestId('import-kind-hint').textContent).toContain('活动须先在「品牌与活动」中登记')
    expect(document.querySelector('[data-testid="import-template"]'), 'the roster template is a roster’s').toBeNull()

    await click(byTestId('import-choose'))
    expect(calls.some((c) => c.cmd === 'roster_preview'), 'the roster import is not called').toBe(false)
    const first = calls.find((c) => c.cmd === 'hours_import_preview')
    expect(first?.args).toEqual({
      file: FILE,
      options: { sheet: null, mapping: {}, skip_invalid: false, include_rows: true },
    })
    expect(byTestId('import-summary').textContent).toContain('新增 1 人次，更新 1 人次')
    expect(document.querySelector('[data-testid="import-create-branches"]'), 'no branches to create').toBeNull()

    await choose('mapping-field-服务内容', '活动')
    const remapped = calls.filter((c) => c.cmd === 'hours_import_preview').at(-1)
    expect((remapped?.args.options as HoursOptions).mapping).toEqual({ 服务内容: 'activity' })

    await click(byTestId('import-next'))
    expect(byTestId('import-changes').textContent).toContain('新华村中医义诊（2026-03-15）时长 1 → 1.5')
    expect(texts('.el-collapse-item__header').join()).toContain('将更新的时长（1）')
    await click(byTestId('import-confirm'))
    const imported = calls.find((c) => c.cmd === 'hours_import')
    expect(imported?.args.options, 'the preview’s options, without the row table').toEqual({
      sheet: null,
      mapping: { 服务内容: 'activity' },
      skip_invalid: false,
      include_rows: false,
    })
    expect(byTestId('import-result').textContent).toContain('已新增 1 人次，已更新 1 人次')
  })
})
