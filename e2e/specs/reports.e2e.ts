import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { browser, $, $$, expect } from '@wdio/globals'
import { byTestId, clickWhenFree, goTo, invoke, screenshot, takeDemoIfOffered, typeInto } from '../helpers.ts'
import { cliBinary, databasePath } from '../paths.ts'

// The annual report through the app: a secretary writes her branch's 年度工作总结
// in the notes dialog, the report of this year is built and previewed page by
// page in the window, then saved; the saved PDF holds the summary as typed and
// every branch's name. The native save dialog cannot be driven through
// WebDriver, so the file is written by the command 保存 PDF calls, through the
// app's own IPC bridge (as import.e2e.ts does for the open dialog).

const SUMMARY = '端到端年度总结：全年开展主题党日十二次，志愿服务覆盖社区群众。'

interface CliBranch {
  name: string
  kind: string
  archived: boolean
}

/** The database the window works on: the demo's own file once the demo is taken. */
let database = databasePath()

function cli(args: string[]): string {
  return execFileSync(cliBinary(), ['--db', database, ...args], { encoding: 'utf8' })
}

/** How many preview canvases pdf.js has drawn something on (a pixel that is not white). */
async function drawnPages(): Promise<number> {
  return browser.execute(() => {
    const canvases = Array.from(document.querySelectorAll<HTMLCanvasElement>('canvas[data-testid="report-preview-page"][data-drawn="true"]'))
    return canvases.filter((canvas) => {
      const context = canvas.getContext('2d')
      if (!context || !canvas.width || !canvas.height) return false
      const { data } = context.getImageData(0, 0, canvas.width, canvas.height)
      for (let i = 0; i < data.length; i += 4) {
        if (data[i]! < 200 || data[i + 1]! < 200 || data[i + 2]! < 200) return true
      }
      return false
    }).length
  })
}

/** Text without the spaces and line breaks a PDF's text extraction puts between characters. */
const squeeze = (text: string) => text.replace(/\s+/g, '')

describe('the annual report in the app', () => {
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'dangjian-report-'))
  after(() => rmSync(scratch, { recursive: true, force: true }))

  it('prints a branch’s summary written in the app, previews the pages and saves the PDF', async () => {
    await $('.app-nav').waitForDisplayed({ timeout: 30_000 })
    // Alone, the spec starts on an empty database: take the demo hospital (which
    // opens its own file). After other specs, their branches are reported instead.
    await takeDemoIfOffered()
    database = (await invoke<{ path: string }>('app_status', {})).path
    const branches = (JSON.parse(cli(['branch', 'list', '--json'])) as CliBranch[]).filter((b) => !b.archived)
    expect(branches.length).toBeGreaterThan(0)

    await goTo('报表')
    await byTestId('reports-page').waitForDisplayed()
    await browser.waitUntil(async () => (await $$('[data-testid="year-note-branch"]').length) === branches.length, {
      timeoutMsg: 'every branch in use should be listed for its yearly notes',
    })

    // The first listed branch's secretary writes the year's summary.
    const branch = (await $$('[data-testid="year-note-branch"]')[0]!.getText()).trim()
    const row = `//tr[.//*[@data-testid="year-note-branch"][normalize-space(.)="${branch}"]]`
    await clickWhenFree(`${row}//*[@data-testid="year-note-edit"]`)
    await byTestId('year-note-form').waitForDisplayed()
    await typeInto('year-note-form-summary', SUMMARY)
    await clickWhenFree('[data-testid="year-note-form-save"]')
    await byTestId('year-note-form').waitForDisplayed({ reverse: true })
    await expect($(`${row}//*[@data-testid="year-note-summary"]`)).toHaveText('已填写')

    // Build this year's report for every branch (the default) and wait for the preview.
    await clickWhenFree('[data-testid="report-build"]')
    await byTestId('report-pages').waitForDisplayed({ timeout: 180_000, timeoutMsg: 'the report should be built' })
    const pages = Number((await byTestId('report-pages').getText()).match(/共 (\d+) 页/)?.[1])
    expect(pages).toBeGreaterThan(1)
    await browser.waitUntil(async () => (await $$('[data-testid="report-preview-page"]').length) === pages, {
      timeoutMsg: 'the preview should have a place for every page',
    })
    await browser.waitUntil(async () => (await drawnPages()) >= 2, {
      timeout: 60_000,
      timeoutMsg: 'pdf.js should draw the first pages of the preview',
    })
    await expect(byTestId('report-preview-error')).not.toBeExisting()
    await screenshot('reports-preview')

    // Save it where the dialog would have put it, and read it back.
    const out = path.join(scratch, `${new Date().getFullYear()}年度党建品牌建设报告.pdf`)
    await invoke<null>('report_save', { out })
    const text = squeeze(execFileSync('pdftotext', ['-enc', 'UTF-8', out, '-'], { encoding: 'utf8' }))
    expect(text).toContain(squeeze(SUMMARY))
    for (const b of branches.filter((b) => b.kind === 'branch')) expect(text).toContain(squeeze(b.name))
  })
})
