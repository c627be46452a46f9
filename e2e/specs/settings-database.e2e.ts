import { execFileSync } from 'node:child_process'
import path from 'node:path'
import { browser, $, expect } from '@wdio/globals'
import { byTestId, clickWhenFree, goTo, invoke, startEmptyIfOffered } from '../helpers.ts'
import { cliBinary, databasePath } from '../paths.ts'

// 设置 › 数据库 in the real window: the demo hospital opens in a file of its
// own (the real one is left as it was), the window's title names the file in
// use, a JSON backup becomes a new file, and the app goes back to the default one.

const demoPath = () => path.join(path.dirname(databasePath()), '演示数据.db')
const branchCount = (db: string) =>
  (JSON.parse(execFileSync(cliBinary(), ['--db', db, 'branch', 'list', '--json'], { encoding: 'utf8' })) as unknown[])
    .length
const windowTitle = () => invoke<string>('plugin:window|title', { label: 'main' })

describe('database files in the app', () => {
  it('opens the demo in its own file, names the file in the title, and goes back', async () => {
    await startEmptyIfOffered()
    await goTo('设置')
    await byTestId('database-card').waitForDisplayed()
    expect(await windowTitle()).toContain(path.basename(databasePath()))
    const realBranches = branchCount(databasePath())

    await clickWhenFree('[data-testid="database-demo"]')
    await $('[data-testid="settings-db-demo"]').waitForDisplayed({ timeout: 60_000, timeoutMsg: 'the demo file should open' })
    await expect(byTestId('settings-db-path')).toHaveText(demoPath())
    expect(await windowTitle()).toContain('演示数据.db')
    expect(branchCount(demoPath())).toBeGreaterThanOrEqual(10)
    // The real file is left as it was.
    expect(branchCount(databasePath())).toBe(realBranches)

    // A JSON backup of the demo becomes a new file (the native dialogs are what the page would open).
    const json = path.join(path.dirname(databasePath()), '演示备份.json')
    execFileSync(cliBinary(), ['--db', demoPath(), 'export', 'json', '--out', json])
    const copy = path.join(path.dirname(databasePath()), '从备份新建.db')
    await invoke('database_from_json', { json, file: copy })
    expect(await windowTitle()).toContain('从备份新建.db')
    expect(branchCount(copy)).toBe(branchCount(demoPath()))

    await goTo('概览')
    await goTo('设置')
    await clickWhenFree('[data-testid="database-default"]')
    await browser.waitUntil(async () => (await byTestId('settings-db-path').getText()) === databasePath(), {
      timeoutMsg: 'the default file should be open again',
    })
    expect(await windowTitle()).toContain(path.basename(databasePath()))
    await expect($('[data-testid="database-default"]')).not.toBeDisplayed()
  })
})
