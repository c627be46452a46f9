import { execFileSync, spawnSync } from 'node:child_process'
import { browser, $, expect } from '@wdio/globals'
import { byTestId, clickWhenFree, goTo, invoke, startEmptyIfOffered, typeInto, unlockAfterAWrongTry } from '../helpers.ts'
import { cliBinary, databasePath } from '../paths.ts'

// 设置 › 数据库加密 in the real window: a passphrase set there encrypts the
// file (the CLI cannot read it without the passphrase); locked, the app asks
// for the passphrase before anything (as it does at a start on the file; the
// command-level test src-tauri/tests/encrypted_database.rs starts on one),
// refuses a wrong one, opens with the right one; removing it leaves the file
// plain again.

const PASSPHRASE = 'correct horse 2026'

/** `dangjian branch list` on the database, with the passphrase in the environment when given. */
const listBranches = (passphrase?: string) =>
  spawnSync(cliBinary(), ['--db', databasePath(), 'branch', 'list'], {
    encoding: 'utf8',
    env: { ...process.env, DANGJIAN_PASSPHRASE: passphrase },
  })

describe('database encryption in the app', () => {
  after(async () => {
    // A failure midway must not leave the following specs an encrypted file.
    const status = await invoke<{ encrypted: boolean }>('app_status', {}).catch(() => null)
    if (status?.encrypted) await invoke('database_passphrase', { current: PASSPHRASE, new: null })
  })

  it('sets a passphrase, asks for it once locked, and removes it', async () => {
    await startEmptyIfOffered()
    execFileSync(cliBinary(), ['--db', databasePath(), 'branch', 'add', '--name', '加密测试党支部'])
    await goTo('设置')
    await byTestId('encryption-card').waitForDisplayed()
    await expect(byTestId('encryption-state')).toHaveText('未加密')

    await typeInto('encryption-new', PASSPHRASE)
    await typeInto('encryption-again', PASSPHRASE)
    await expect(byTestId('encryption-set')).toBeDisabled()
    await clickWhenFree('[data-testid="encryption-aware"]')
    await clickWhenFree('[data-testid="encryption-set"]')
    await $('.el-message--success').waitForDisplayed({ timeout: 30_000, timeoutMsg: 'the passphrase should be set' })
    await expect($('.el-message--success')).toHaveText(expect.stringContaining('已设置数据库密码'))
    await browser.waitUntil(async () => (await byTestId('encryption-state').getText()) === '已加密', {
      timeoutMsg: 'the card should show the file encrypted',
    })
    const locked = listBranches()
    expect(locked.status).toBe(1)
    expect(locked.stderr).toContain('已加密')
    expect(listBranches(PASSPHRASE).stdout).toContain('加密测试党支部')

    // Locked (as at a start on the encrypted file), the app asks for the passphrase before anything.
    await clickWhenFree('[data-testid="encryption-lock"]')
    const dialog = byTestId('unlock-dialog')
    await byTestId('unlock-passphrase').waitForDisplayed({ timeoutMsg: 'the app should ask' })
    await expect(byTestId('unlock-why')).toHaveText(expect.stringContaining(databasePath()))
    await unlockAfterAWrongTry('not the passphrase', PASSPHRASE)
    await expect(dialog).not.toBeDisplayed()

    await goTo('支部')
    await expect($('body')).toHaveText(expect.stringContaining('加密测试党支部'))
    await goTo('设置')
    await browser.waitUntil(async () => (await byTestId('encryption-state').getText()) === '已加密', {
      timeoutMsg: 'the card should show the file encrypted',
    })
    await typeInto('encryption-current', PASSPHRASE)
    await clickWhenFree('[data-testid="encryption-remove"]')
    await clickWhenFree('.el-message-box__btns .el-button--primary')
    await browser.waitUntil(async () => (await byTestId('encryption-state').getText()) === '未加密', {
      timeout: 30_000,
      timeoutMsg: 'the card should show the file plain again',
    })
    expect(listBranches().stdout).toContain('加密测试党支部')
  })
})
