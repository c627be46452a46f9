import { existsSync } from 'node:fs'
import { $, $$, expect } from '@wdio/globals'
import { screenshot } from '../helpers.ts'
import { databasePath } from '../paths.ts'

describe('the app window', () => {
  it('opens with the left navigation, on the test database', async () => {
    await $('.app-nav').waitForDisplayed({
      timeout: 30_000,
      timeoutMsg: 'the left navigation should appear once the app has started',
    })

    await expect(browser).toHaveTitle('党建台账')
    const labels = await $$('.app-nav .app-nav__item').map((item) => item.getText())
    expect(labels).toContain('支部')
    expect(labels).toContain('党员')
    // The app must have opened run.sh's temporary database, never the user's own.
    expect(existsSync(databasePath())).toBe(true)

    await screenshot('smoke')
  })
})
