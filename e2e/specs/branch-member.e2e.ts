import { execFileSync } from 'node:child_process'
import { browser, $, expect } from '@wdio/globals'
import { byTestId, choose, clickWhenFree, goTo, screenshot, typeInto } from '../helpers.ts'
import { cliBinary, databasePath } from '../paths.ts'

interface CliMember {
  name: string
  branch: string
  gender: string | null
  category: string
  phone: string | null
}

describe('creating a branch and a member through the app', () => {
  it('stores them in the database, as the CLI sees it', async () => {
    // A fresh database: the app offers the demo hospital; start empty instead.
    const blank = await byTestId('first-run-blank')
    await blank.waitForClickable({ timeout: 30_000, timeoutMsg: 'the first-run offer should appear on an empty database' })
    await clickWhenFree('[data-testid="first-run-blank"]')
    await byTestId('first-run-dialog').waitForDisplayed({ reverse: true })

    await goTo('支部')
    await clickWhenFree('[data-testid="branch-create"]')
    await typeInto('branch-form-name', '端到端测试党支部')
    await byTestId('branch-form-submit').click()
    const branchRow = await $('//span[@data-testid="branch-row-name"][normalize-space(.)="端到端测试党支部"]')
    await branchRow.waitForDisplayed({ timeoutMsg: 'the new branch should be listed' })

    await goTo('党员')
    await clickWhenFree('[data-testid="member-create"]')
    // Element Plus's own texts are in Chinese (its set-up is not in the start-up bundle: ui/src/elementPlus.ts).
    await expect(byTestId('member-form-education').$('.el-select__placeholder')).toHaveText('请选择')
    await typeInto('member-form-name', '李堃')
    await choose('member-form-branch', '端到端测试党支部')
    await typeInto('member-form-phone', '13812345678')
    await byTestId('member-form-submit').click()
    const memberRow = await $('//span[@data-testid="member-row-name"][normalize-space(.)="李堃"]')
    await memberRow.waitForDisplayed({ timeoutMsg: 'the new member should be listed' })
    await expect(byTestId('member-count')).toHaveText('共 1 人')
    await screenshot('members')

    const output = execFileSync(cliBinary(), ['--db', databasePath(), 'member', 'list', '--json', '--reveal'], {
      encoding: 'utf8',
    })
    const members = JSON.parse(output) as CliMember[]
    expect(members).toHaveLength(1)
    expect(members[0]).toMatchObject({ name: '李堃', branch: '端到端测试党支部', category: '正式党员', phone: '13812345678' })

    // The drawer shows the phone masked; 显示 shows it in full and is on record.
    await memberRow.click()
    await expect(byTestId('member-detail-phone')).toHaveText('138****5678')
    await clickWhenFree('[data-testid="member-reveal"]')
    await expect(byTestId('member-detail-phone')).toHaveText('13812345678')
    const audit = JSON.parse(
      execFileSync(cliBinary(), ['--db', databasePath(), 'audit', '--json', '--limit', '5'], { encoding: 'utf8' }),
    ) as { action: string; entity: string }[]
    expect(audit.filter((e) => e.action === 'reveal' && e.entity === 'members')).toHaveLength(2)
    await browser.keys('Escape')

    const branches = JSON.parse(
      execFileSync(cliBinary(), ['--db', databasePath(), 'branch', 'list', '--json'], { encoding: 'utf8' }),
    ) as { name: string; committee: unknown[] }[]
    expect(branches.map((b) => [b.name, b.committee.length])).toEqual([['端到端测试党支部', 0]])
  })
})
