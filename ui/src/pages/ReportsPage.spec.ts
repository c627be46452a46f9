import { afterEach, describe, expect, it, vi } from 'vitest'
import { defineComponent, h } from 'vue'
import { clearMocks } from '@tauri-apps/api/mocks'
import type { Channel } from '@tauri-apps/api/core'
import type { Branch } from '@/generated/Branch'
import type { MissingGlyph } from '@/generated/MissingGlyph'
import type { Progress } from '@/generated/Progress'
import type { YearNote } from '@/generated/YearNote'
import { blankBranch } from '@/api/branches'
import {
  branchView,
  button,
  byTestId,
  choose,
  click,
  fakeCore,
  lastCall,
  mountPage,
  settle,
  texts,
  type,
  type IpcHandler,
} from '@/components/specHelpers'
import ReportsPage from './ReportsPage.vue'

// The test DOM has no pdf.js worker nor canvas: the preview shows the bytes it was given instead.
vi.mock('@/components/reports/ReportPreview.vue', () => ({
  default: defineComponent({
    props: { pdf: { type: ArrayBuffer, required: true } },
    setup: (props) => () => h('div', { class: 'preview-stub' }, `${props.pdf.byteLength} bytes`),
  }),
}))

const TODAY = '2026-05-20'
const SAVE_DIR = '/home/秘书/文档/'
const BRANCHES: Branch[] = [
  { ...blankBranch(), id: 2, name: '内科第一党支部' },
  { ...blankBranch(), id: 3, name: '外科党支部' },
  { ...blankBranch(), id: 9, name: '旧药剂科党支部', archived: true },
]
const GLYPHS: MissingGlyph[] = [{ character: '𬌗', text: '𬌗科义诊', place: '外科党支部 · 品牌活动' }]

/** A fake core with a built report of 12 pages; `extra` adds or replaces handlers. */
function fakeBackend(extra: Record<string, IpcHandler> = {}) {
  const notes: YearNote[] = []
  const calls = fakeCore({
    app_today: () => TODAY,
    branch_list: () => BRANCHES.map((b) => branchView(b)),
    year_note_list: (args) =>
      (args.branchIds as number[]).map(
        (id) =>
          notes.find((n) => n.branch_id === id && n.year === args.year) ?? {
            id: 0,
            branch_id: id,
            year: args.year,
            summary: null,
            plan: null,
          },
      ),
    year_note_save: (args) => {
      const saved = { ...(args.note as YearNote), id: 40 }
      notes.push(saved)
      return saved
    },
    report_build: () => ({ pages: 12, missing_glyphs: [] }),
    report_pdf: () => new ArrayBuffer(2048),
    report_save: () => null,
    stats_export: () => ['支部汇总'],
    'plugin:dialog|save': (args) => SAVE_DIR + (args.options as { defaultPath: string }).defaultPath,
    'plugin:opener|reveal_item_in_dir': () => null,
    ...extra,
  })
  return { calls, notes }
}

/** Chooses the kind of report (a radio button). */
async function pickKind(label: string) {
  const radio = [...byTestId('report-kind').querySelectorAll('label')].find((l) => l.textContent?.trim() === label)
  if (!radio) throw new Error(`no report kind ${label}`)
  const input = radio.querySelector('input')!
  input.checked = true
  input.dispatchEvent(new Event('change', { bubbles: true }))
  await settle()
}

const buildButton = () => byTestId<HTMLButtonElement>('report-build')

afterEach(() => {
  clearMocks()
  document.body.innerHTML = ''
})

describe('ReportsPage', () => {
  it('builds the annual report of the app’s year for every branch, or for those chosen, and previews it', async () => {
    const { calls } = fakeBackend()
    await mountPage(ReportsPage)

    expect(texts('[data-testid="report-kind"] label'), 'the kinds carry the core’s names').toEqual([
      '年度党建品牌建设报告',
      '迎检台账',
      '年度统计表',
    ])
    await click(buildButton())
    expect(lastCall(calls, 'report_build')).toMatchObject({
      request: { kind: 'annual', year: 2026, branch_ids: [] },
      allowMissingGlyphs: false,
    })
    expect(byTestId('report-pages').textContent).toContain('共 12 页')
    expect(document.querySelector('.preview-stub')?.textContent, 'the built PDF goes to the preview').toBe('2048 bytes')

    await choose('report-branches', '外科党支部')
    await click(buildButton())
    expect(lastCall(calls, 'report_build')?.request).toEqual({ kind: 'annual', year: 2026, branch_ids: [3] })
  })

  it('builds a ledger for exactly one branch, once it is chosen', async () => {
    const { calls } = fakeBackend()
    await mountPage(ReportsPage)

    await pickKind('迎检台账')
    expect(document.querySelector('[data-testid="report-branches"]'), 'one branch, not several').toBeNull()
    expect(document.querySelector('[data-testid="year-notes"]'), 'the notes are the annual report’s').toBeNull()
    expect(buildButton().disabled, 'a ledger needs its branch').toBe(true)
    await choose('report-branch', '内科第一党支部')
    await click(buildButton())
    expect(lastCall(calls, 'report_build')?.request).toEqual({ kind: 'ledger', year: 2026, branch_ids: [2] })

    await click(byTestId('report-save'))
    expect((lastCall(calls, 'plugin:dialog|save')?.options as { defaultPath: string }).defaultPath).toBe(
      '内科第一党支部2026年迎检台账.pdf',
    )
  })

  it('shows the stage and share done while the report builds', async () => {
    let finish: (built: unknown) => void = () => {}
    fakeBackend({
      report_build: (args) => {
        ;(args.progress as Channel<Progress>).onmessage({ stage: '排版', fraction: 0.5 })
        return new Promise((resolve) => (finish = resolve))
      },
    })
    await mountPage(ReportsPage)

    await click(buildButton())
    expect(byTestId('report-progress').textContent).toContain('排版 50%')
    expect(buildButton().disabled, 'no second build meanwhile').toBe(true)
    finish({ pages: 3, missing_glyphs: [] })
    await settle()
    expect(document.querySelector('[data-testid="report-progress"]'), 'the bar goes once it is built').toBeNull()
    expect(byTestId('report-pages').textContent).toContain('共 3 页')
  })

  it('lists the characters the fonts lack, builds anyway when asked, and then warns of them', async () => {
    const { calls } = fakeBackend({
      report_build: (args) => {
        if (!args.allowMissingGlyphs) throw { code: 'invalid', message: '报表字体中没有以下字符……', missing_glyphs: GLYPHS }
        return { pages: 5, missing_glyphs: GLYPHS }
      },
    })
    await mountPage(ReportsPage)
    await choose('report-branches', '外科党支部')

    await click(buildButton())
    const dialog = byTestId('missing-glyphs-dialog')
    expect(texts('[data-testid="missing-glyph-character"]', dialog)).toEqual(['𬌗'])
    expect(dialog.textContent).toContain('𬌗科义诊')
    expect(dialog.textContent).toContain('外科党支部 · 品牌活动')
    expect(document.querySelector('[data-testid="report-error"]'), 'the dialog says it, not a bare error').toBeNull()
    expect(document.querySelector('[data-testid="report-pages"]'), 'nothing was built').toBeNull()

    await click(byTestId('missing-glyphs-build-anyway'))
    const builds = calls.filter((c) => c.cmd === 'report_build')
    expect(builds).toHaveLength(2)
    expect(builds[1]!.args).toMatchObject({
      request: { kind: 'annual', year: 2026, branch_ids: [3] },
      allowMissingGlyphs: true,
    })
    const warning = byTestId('report-missing-glyphs')
    expect(texts('[data-testid="missing-glyph-character"]', warning)).toEqual(['𬌗'])
    expect(byTestId('report-pages').textContent).toContain('共 5 页')
  })

  it('shows any other refusal as an error', async () => {
    fakeBackend({
      report_build: () => {
        throw { code: 'not_found', message: '找不到编号为 3 的支部' }
      },
    })
    await mountPage(ReportsPage)
    await click(buildButton())
    expect(byTestId('report-error').textContent).toContain('找不到编号为 3 的支部')
    expect(document.querySelector('[data-testid="missing-glyphs-dialog"]'), 'no characters to list').toBeNull()
  })

  it('lists the branches’ notes for the year, says which are missing, and saves one written in the dialog', async () => {
    const { calls } = fakeBackend()
    await mountPage(ReportsPage)

    expect(lastCall(calls, 'year_note_list'), 'every branch in use, for the chosen year').toEqual({
      year: 2026,
      branchIds: [2, 3],
    })
    expect(texts('[data-testid="year-note-branch"]')).toEqual(['内科第一党支部', '外科党支部'])
    expect(byTestId('year-notes-missing').textContent).toContain('2 个支部尚未填写：内科第一党支部、外科党支部')

    const editOf = (branch: string) => {
      const row = [...document.querySelectorAll('[data-testid="year-notes-table"] tbody tr')].find((r) =>
        r.textContent?.includes(branch),
      )
      return byTestId('year-note-edit', row!)
    }
    expect(editOf('外科党支部').textContent?.trim()).toBe('填写')
    await click(editOf('外科党支部'))
    const form = byTestId('year-note-form')
    expect(form.textContent).toContain('外科党支部 2026 年度总结与计划')
    await type(byTestId<HTMLTextAreaElement>('year-note-form-summary'), '  全年开展义诊 12 次。 ')
    await click(byTestId('year-note-form-save'))

    expect(lastCall(calls, 'year_note_save')?.note).toEqual({
      id: 0,
      branch_id: 3,
      year: 2026,
      summary: '全年开展义诊 12 次。',
      plan: null,
    })
    expect(editOf('外科党支部').textContent?.trim()).toBe('修改')
    expect(byTestId('year-notes-missing').textContent).toContain('1 个支部尚未填写：内科第一党支部')

    await choose('report-branches', '外科党支部')
    expect(lastCall(calls, 'year_note_list'), 'only the branches chosen').toEqual({ year: 2026, branchIds: [3] })
    expect(document.querySelector('[data-testid="year-notes-missing"]'), 'all chosen have written theirs').toBeNull()
  })

  it('saves the built PDF where the user chooses and offers to open its folder', async () => {
    const { calls } = fakeBackend()
    await mountPage(ReportsPage)
    await click(buildButton())

    await click(button('保存 PDF'))
    const dialog = lastCall(calls, 'plugin:dialog|save')?.options as {
      defaultPath: string
      filters: { extensions: string[] }[]
    }
    expect(dialog.defaultPath).toBe('2026年度党建品牌建设报告.pdf')
    expect(dialog.filters[0]!.extensions).toEqual(['pdf'])
    const out = `${SAVE_DIR}2026年度党建品牌建设报告.pdf`
    expect(lastCall(calls, 'report_save')).toEqual({ out })
    expect(byTestId('report-saved-path').textContent).toBe(out)

    await click(byTestId('report-reveal'))
    expect(lastCall(calls, 'plugin:opener|reveal_item_in_dir')).toEqual({ paths: [out] })
  })

  it('writes the statistics workbook straight to the file chosen, without a preview', async () => {
    const { calls } = fakeBackend()
    await mountPage(ReportsPage)

    await pickKind('年度统计表')
    expect(document.querySelector('[data-testid="report-branches"]')).toBeNull()
    expect(document.querySelector('[data-testid="report-branch"]')).toBeNull()
    expect(document.querySelector('[data-testid="year-notes"]')).toBeNull()
    await click(buildButton())

    const dialog = lastCall(calls, 'plugin:dialog|save')?.options as { defaultPath: string; filters: { extensions: string[] }[] }
    expect(dialog.defaultPath).toBe('2026年度统计表.xlsx')
    expect(dialog.filters[0]!.extensions).toEqual(['xlsx'])
    const out = `${SAVE_DIR}2026年度统计表.xlsx`
    expect(lastCall(calls, 'stats_export')).toEqual({ year: 2026, out })
    expect(calls.some((c) => c.cmd === 'report_build'), 'the workbook is not a PDF report').toBe(false)
    expect(document.querySelector('.preview-stub')).toBeNull()
    expect(byTestId('report-saved-path').textContent).toBe(out)
    await click(byTestId('report-reveal'))
    expect(lastCall(calls, 'plugin:opener|reveal_item_in_dir')).toEqual({ paths: [out] })
  })

  it('saves nothing when the save dialog is cancelled', async () => {
    const { calls } = fakeBackend({ 'plugin:dialog|save': () => null })
    await mountPage(ReportsPage)
    await click(buildButton())
    await click(byTestId('report-save'))
    expect(calls.some((c) => c.cmd === 'report_save')).toBe(false)
    expect(document.querySelector('[data-testid="report-saved"]')).toBeNull()
  })
})
