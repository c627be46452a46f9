import { execFileSync } from 'node:child_process'
import { browser, $, $$, expect } from '@wdio/globals'
import { byTestId, choose, clickWhenFree, goTo, pick, screenshot, startEmptyIfOffered, typeInto } from '../helpers.ts'
import { cliBinary, databasePath } from '../paths.ts'

// Brand work through the app as a secretary enters it: an activity with two
// participants, a member picked from the roster and an outside volunteer the
// user confirms as such, moves the brand's hours target and the branch's hours
// on 志愿服务; the CLI's `stats --json` says the same.

const BRANCH = '端到端品牌党支部'
const MEMBERS = ['周品一', '吴品二']
const BRAND = '端到端健康驿站'
const VOLUNTEER = '端到端林晓'

function cli(args: string[]): string {
  return execFileSync(cliBinary(), ['--db', databasePath(), ...args], { encoding: 'utf8' })
}

/** Today on this machine's clock, as the app (which has no DANGJIAN_TODAY here) sees it. */
function today(): string {
  const now = new Date()
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`
}

/** The brand card's figures for the hours target, e.g. `4 / 10 小时`. */
async function hoursTargetOnCard(): Promise<string> {
  const card = await $(
    `//*[@data-testid="brand-card"][.//*[@data-testid="brand-card-name"][contains(normalize-space(.), "${BRAND}")]]`,
  )
  await card.waitForDisplayed()
  const figures = await card.$('[data-testid="brand-target"][data-measure="volunteer_hours"] [data-testid="brand-target-figures"]')
  return (await figures.getText()).trim()
}

interface CliStats {
  volunteer_hours: number
  per_branch: { branch: string; volunteer_hours: number; activities: number; targets: { measure: string; actual: number }[] }[]
}

describe('brand work in the app', () => {
  it('records an activity with a member and a confirmed outside volunteer, and the totals move everywhere', async () => {
    await $('.app-nav').waitForDisplayed({ timeout: 30_000 })
    await startEmptyIfOffered()
    const day = today()
    const year = day.slice(0, 4)
    cli(['branch', 'add', '--name', BRANCH, '--founded', '2015-07-01'])
    for (const name of MEMBERS) cli(['member', 'add', '--name', name, '--branch', BRANCH, '--joined-on', '2010-06-01'])
    cli(['brand', 'add', '--branch', BRANCH, '--name', BRAND, '--target', `${year}:志愿服务时长:10`])
    const before = JSON.parse(cli(['stats', '--year', year, '--json'])) as CliStats

    await goTo('品牌与活动')
    await byTestId('brands-page').waitForDisplayed()
    await browser.waitUntil(async () => (await hoursTargetOnCard()).startsWith('0 / 10'), {
      timeoutMsg: 'the new brand shows its hours target with nothing done',
    })

    // Record the activity: one member from the roster, one name that is nobody on it.
    await clickWhenFree('[data-testid="brands-tab-activities"]')
    await clickWhenFree('[data-testid="activity-new"]')
    await byTestId('activity-form').waitForDisplayed()
    await typeInto('activity-form-title', '端到端社区义诊')
    await choose('activity-form-kind', '义诊')
    const date = await $('[data-testid="activity-form-date"] input')
    await date.setValue(day)
    await browser.keys('Enter')
    await choose('activity-form-branch', BRANCH)
    await choose('activity-form-brand', BRAND)
    await typeInto('activity-form-served', '60')
    await typeInto('activity-form-name-hours', '2.5')
    await pick('activity-form-member-select', `${MEMBERS[0]}（${BRANCH}）`)
    await typeInto('activity-form-name-hours', '1.5')
    await typeInto('activity-form-name-input', VOLUNTEER)
    await clickWhenFree('[data-testid="activity-form-name-add"]')
    await byTestId('outside-dialog').waitForDisplayed()
    await expect(byTestId('outside-question')).toHaveText(expect.stringContaining(VOLUNTEER))
    await clickWhenFree('[data-testid="outside-kind-league_member"]')
    await clickWhenFree('[data-testid="outside-confirm"]')
    await byTestId('outside-dialog').waitForDisplayed({ reverse: true })
    await browser.waitUntil(async () => (await $$('[data-testid="participant-row"]').length) === 2, {
      timeoutMsg: 'two participants are listed',
    })
    await expect(byTestId('participants-total')).toHaveText(expect.stringContaining('4'))
    await screenshot('brands-activity-form')
    await clickWhenFree('[data-testid="activity-form-save"]')
    await byTestId('activity-form-saved').waitForDisplayed()
    await clickWhenFree('[data-testid="activity-form-close"]')
    await byTestId('activity-form').waitForDisplayed({ reverse: true })

    // The brand's progress bar has moved by the activity's hours.
    await clickWhenFree('[data-testid="brands-tab-brands"]')
    await browser.waitUntil(async () => (await hoursTargetOnCard()).startsWith('4 / 10'), {
      timeoutMsg: 'the hours target shows the 4 hours given',
    })
    await screenshot('brands-progress')

    // 志愿服务 credits both people's hours to the branch (the volunteer's to the lead branch).
    await goTo('志愿服务')
    const hours = await $(
      `//tr[.//*[@data-testid="volunteer-branch-row"][normalize-space(.)="${BRANCH}"]]//*[@data-testid="volunteer-branch-hours"]`,
    )
    await hours.waitForDisplayed()
    await expect(hours).toHaveText('4')

    // The CLI counts the same.
    const after = JSON.parse(cli(['stats', '--year', year, '--json'])) as CliStats
    const branch = after.per_branch.find((b) => b.branch === BRANCH)
    expect(branch?.volunteer_hours).toBe(4)
    expect(branch?.activities).toBe(1)
    expect(branch?.targets.find((t) => t.measure === 'volunteer_hours')?.actual).toBe(4)
    expect(after.volunteer_hours - before.volunteer_hours).toBe(4)
    const activities = JSON.parse(cli(['activity', 'list', '--year', year, '--branch', BRANCH, '--json'])) as {
      participants: { name: string; kind: string; member_id: number | null }[]
    }[]
    expect(activities[0].participants.map((p) => `${p.name}:${p.kind}`)).toEqual([
      `${MEMBERS[0]}:member`,
      `${VOLUNTEER}:league_member`,
    ])
  })
})
