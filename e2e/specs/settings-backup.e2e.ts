import { browser, $, $$, expect } from '@wdio/globals'
import { byTestId, clickWhenFree, goTo, startEmptyIfOffered } from '../helpers.ts'

// 设置 › 备份与恢复 in the real window: a backup taken now is listed with what
// it holds, and restoring it shows what it brings back before it replaces
// anything, then keeps a copy of the state it replaced.

describe('backups in the app', () => {
  it('takes a backup, previews it and restores it', async () => {
    await startEmptyIfOffered()
    await goTo('设置')
    await byTestId('backup-table').waitForDisplayed()
    // The list has loaded once its total is shown; only then does a new row mean the new backup.
    await byTestId('backup-total').waitForDisplayed()
    const before = await $$('[data-testid="backup-time"]').length
    await clickWhenFree('[data-testid="backup-now"]')
    const table = await byTestId('backup-table')
    await table.scrollIntoView()
    // textContent: WebDriver's visible text leaves out cells it judges off screen.
    await browser.waitUntil(
      async () =>
        (await $$('[data-testid="backup-time"]').length) > before &&
        String(await table.getProperty('textContent')).includes('手动备份'),
      { timeoutMsg: 'the new backup should be listed' },
    )

    await clickWhenFree('[data-testid="backup-restore"]')
    await byTestId('backup-preview').waitForDisplayed()
    await expect(byTestId('backup-preview-brings')).toHaveText(expect.stringContaining('个支部'))
    await expect(byTestId('backup-preview-replaces')).toHaveText(expect.stringContaining('名党员'))
    await clickWhenFree('[data-testid="backup-restore-confirm"]')
    await $('.el-message--success').waitForDisplayed({ timeoutMsg: 'the restore should be confirmed' })
    await expect($('.el-message--success')).toHaveText(expect.stringContaining('恢复前的数据另存为'))
    await browser.waitUntil(async () => String(await table.getProperty('textContent')).includes('恢复前'), {
      timeoutMsg: 'the copy of the replaced state should be listed',
    })
  })
})
