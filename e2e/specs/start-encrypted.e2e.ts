import { $, expect } from '@wdio/globals'
import { byTestId, goTo, invoke, unlockAfterAWrongTry } from '../helpers.ts'
import { databasePath } from '../paths.ts'
import { START_BRANCH, START_PASSPHRASE } from '../encrypted-start.ts'

// The app started on an encrypted database (wdio.conf.ts encrypts it with the
// CLI before this spec's window opens): it asks for the passphrase before any
// page reads, refuses every command until then and a wrong passphrase after,
// and opens with the right one.

describe('a start on an encrypted database', () => {
  after(async () => {
    // The following specs expect a plain file.
    const status = await invoke<{ encrypted: boolean }>('app_status', {}).catch(() => null)
    if (status?.encrypted) await invoke('database_passphrase', { current: START_PASSPHRASE, new: null })
  })

  it('asks for the passphrase first, then opens the file', async () => {
    await byTestId('unlock-passphrase').waitForDisplayed({ timeoutMsg: 'the app should ask at start' })
    await expect(byTestId('unlock-why')).toHaveText(expect.stringContaining(databasePath()))
    await expect(byTestId('first-run-dialog')).not.toBeDisplayed()
    await unlockAfterAWrongTry('start passphrase 2025', START_PASSPHRASE)

    await goTo('支部')
    await expect($('body')).toHaveText(expect.stringContaining(START_BRANCH))
    expect(await invoke<string>('plugin:window|title', { label: 'main' })).toContain('e2e.db')
    const status = await invoke<{ encrypted: boolean }>('app_status', {})
    expect(status.encrypted).toBe(true)
  })
})
