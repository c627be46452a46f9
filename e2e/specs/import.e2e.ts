import { execFileSync } from 'node:child_process'
import path from 'node:path'
import { $, expect } from '@wdio/globals'
import { goTo, invoke, screenshot, startEmptyIfOffered } from '../helpers.ts'
import { cliBinary, databasePath, repoDir } from '../paths.ts'

// The native file dialog cannot be driven through WebDriver, so this spec calls the
// import commands the import screen calls, through the app's real IPC bridge, and
// then checks the result in the app's member list and with the CLI.
const roster = path.join(repoDir, 'tests', 'fixtures', 'roster', 'messy.xlsx')

interface Report {
  new: number
  errors: unknown[]
  applied: boolean
  backup: string | null
}

describe('importing a roster in the app', () => {
  it('previews, imports and lists the members of a messy spreadsheet', async () => {
    await $('.app-nav').waitForDisplayed({ timeout: 30_000 })
    const options = { sheet: null, mapping: {}, skip_invalid: false, create_branches: true, include_rows: true }

    const preview = await invoke<Report>('roster_preview', { file: roster, options })
    expect(preview.errors).toEqual([])
    expect(preview.new).toBe(8)
    expect(preview.applied).toBe(false)

    const result = await invoke<Report>('roster_import', { file: roster, options })
    expect(result.applied).toBe(true)
    expect(result.backup).toBeTruthy()

    const members = JSON.parse(
      execFileSync(cliBinary(), ['--db', databasePath(), 'member', 'list', '--json'], { encoding: 'utf8' }),
    ) as { name: string; birth_date: string | null }[]
    const imported = members.find((m) => m.name === '王喆')
    expect(imported?.birth_date).toBe('1985-03-12')

    await startEmptyIfOffered()
    await goTo('导入')
    await $('[data-testid="import-choose"]').waitForDisplayed()
    await goTo('党员')
    const row = await $('//span[@data-testid="member-row-name"][normalize-space(.)="赵昇"]')
    await row.waitForDisplayed({ timeoutMsg: 'an imported member should be listed in the app' })
    await screenshot('imported-members')
  })
})
