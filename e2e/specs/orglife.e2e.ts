import { execFileSync } from 'node:child_process'
import { browser, $, $$, expect } from '@wdio/globals'
import { byTestId, choose, clickWhenFree, goTo, screenshot, startEmptyIfOffered, typeInto } from '../helpers.ts'
import { cliBinary, databasePath } from '../paths.ts'

// Organisational life through the app as a secretary enters it: a theme party day
// with an absentee who gave no reason turns the month's grid cell `done` while the
// record is marked incomplete, until the reason is written in. The CLI's
// `compliance --json` must say what the grid shows.

const BRANCH = '端到端组织生活党支部'
const MEMBERS = ['赵一鸣', '钱二娟', '孙三喆']
const TOPIC = '端到端主题党日：重温入党誓词'

function cli(args: string[]): string {
  return execFileSync(cliBinary(), ['--db', databasePath(), ...args], { encoding: 'utf8' })
}

/** Today on this machine's clock, as the app (which has no DANGJIAN_TODAY here) sees it. */
function today(): string {
  const now = new Date()
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`
}

interface CliItem {
  obligation: string
  period: string
  status: string
  group?: string
}
interface CliGrid {
  branches: { branch: string; items: CliItem[] }[]
}

/** The grid cells the screen shows for the branch, as `obligation period status` strings. */
async function screenCells(): Promise<string[]> {
  const cells = await $$(`[data-testid="compliance-cell"][data-branch="${BRANCH}"]`)
  const found: string[] = []
  for (const cell of cells) {
    const [obligation, period, status] = await Promise.all([
      cell.getAttribute('data-obligation'),
      cell.getAttribute('data-period'),
      cell.getAttribute('data-status'),
    ])
    found.push(`${obligation} ${period} ${status}`)
  }
  return found.sort()
}

function cliCells(year: string): string[] {
  const grid = JSON.parse(cli(['compliance', '--year', year, '--branch', BRANCH, '--json'])) as CliGrid
  return grid.branches[0].items.map((i) => `${i.obligation} ${i.period} ${i.status}`).sort()
}

async function openLedger(): Promise<void> {
  await goTo('组织生活')
  await byTestId('meetings-page').waitForDisplayed()
  await choose('meetings-branch', BRANCH)
}

describe('organisational life in the app', () => {
  it('records a meeting, marks it incomplete until the absentee has a reason, and the grid agrees with the CLI', async () => {
    await $('.app-nav').waitForDisplayed({ timeout: 30_000 })
    await startEmptyIfOffered()
    const day = today()
    const [year, month] = day.split('-')
    cli(['branch', 'add', '--name', BRANCH, '--founded', '2015-07-01'])
    for (const name of MEMBERS) cli(['member', 'add', '--name', name, '--branch', BRANCH, '--joined-on', '2010-06-01'])
    cli(['branch', 'appoint', '--branch', BRANCH, '--member', MEMBERS[0], '--role', '书记', '--from', '2020-01-01'])

    // Enter the meeting: the roll comes from the roster; nobody is present until marked.
    await openLedger()
    await clickWhenFree('[data-testid="meetings-new"]')
    await byTestId('meeting-form').waitForDisplayed()
    await choose('meeting-form-branch', BRANCH)
    // The branch's roll fills the form and moves what lies below; choose the kind after.
    await $('[data-testid="attendance-row"]').waitForDisplayed({ timeoutMsg: 'the branch’s roll should load' })
    await choose('meeting-form-kind', '主题党日')
    const date = await $('[data-testid="meeting-form-date"] input')
    await date.setValue(day)
    await browser.keys('Enter')
    const time = await $('[data-testid="meeting-form-time"] input')
    await time.setValue('14:30')
    await browser.keys('Enter')
    await typeInto('meeting-form-place', '门诊楼五楼会议室')
    await typeInto('meeting-form-chair', MEMBERS[0])
    await typeInto('meeting-form-recorder', MEMBERS[1])
    await typeInto('meeting-form-topic', TOPIC)
    await typeInto('meeting-form-content', '重温入党誓词，交流学习体会。')
    await browser.waitUntil(async () => (await $$('[data-testid="attendance-row"]').length) === MEMBERS.length, {
      timeoutMsg: 'the roll of the three members on that day should load',
    })
    const rows = await $$('[data-testid="attendance-row"]')
    await rows[0].$('[data-testid="attendance-present"]').click()
    await rows[1].$('[data-testid="attendance-present"]').click()
    await rows[2].$('[data-testid="attendance-absent"]').click()
    await byTestId('meeting-form-save').click()
    const findings = await byTestId('meeting-form-findings')
    await findings.waitForDisplayed({ timeoutMsg: 'the saved record should be marked incomplete' })
    await expect(findings).toHaveText(expect.stringContaining('缺席未注明理由'))
    await expect(findings).toHaveText(expect.stringContaining(MEMBERS[2]))
    await browser.keys('Escape')

    // The month's theme-day cell is done on the screen, and the CLI says the same of every cell.
    await goTo('完成情况')
    await byTestId('compliance-page').waitForDisplayed()
    const cell = await $(
      `[data-testid="compliance-cell"][data-branch="${BRANCH}"][data-obligation="theme_day"][data-period="${year}-${month}"]`,
    )
    await cell.waitForDisplayed({ timeoutMsg: 'the branch should have a theme-day cell for this month' })
    await expect(cell).toHaveAttribute('data-status', 'done')
    await screenshot('compliance')
    expect(await screenCells()).toEqual(cliCells(year))

    // Write in the reason: the record becomes complete, for the app and for the CLI.
    await openLedger()
    const rowXPath = `//tr[contains(@class, "meeting-row")][.//*[contains(normalize-space(.), "${TOPIC}")]]`
    const row = await $(rowXPath)
    await row.waitForDisplayed({ timeoutMsg: 'the meeting should be listed in the ledger' })
    await expect(row.$('[data-testid="meeting-findings"]')).toHaveText(expect.stringContaining('缺席未注明理由'))
    // WebKitWebDriver will not click a table row itself: click its date cell, once the
    // ledger's loading mask is gone.
    await browser.waitUntil(async () => !(await $('[data-testid="meetings-page"] .el-loading-mask').isDisplayed()), {
      timeout: 30_000,
      timeoutMsg: 'the ledger should finish loading',
    })
    await clickWhenFree(`${rowXPath}//*[@data-testid="meeting-date"]`)
    await byTestId('meeting-form').waitForDisplayed()
    const absentee = (await $$('[data-testid="attendance-row"]'))[2]
    await absentee.$('[data-testid="attendance-reason"]').setValue('外出进修')
    await byTestId('meeting-form-save').click()
    await byTestId('meeting-form-saved').waitForDisplayed({ timeoutMsg: 'the record should now be complete' })
    await browser.keys('Escape')

    const ledger = JSON.parse(cli(['meeting', 'list', '--year', year, '--branch', BRANCH, '--json'])) as {
      meeting: { topic: string; attendance: { name: string; status: string; reason: string | null }[] }
      findings: unknown[]
    }[]
    expect(ledger).toHaveLength(1)
    expect(ledger[0].meeting.topic).toBe(TOPIC)
    expect(ledger[0].findings).toEqual([])
    expect(ledger[0].meeting.attendance.map((a) => [a.name, a.status, a.reason])).toEqual([
      [MEMBERS[0], 'present', null],
      [MEMBERS[1], 'present', null],
      [MEMBERS[2], 'excused', '外出进修'],
    ])
    await screenshot('meetings')
  })
})
