// WebdriverIO drives the real app: run.sh starts Xvfb and tauri-driver (which listens on
// 127.0.0.1:4444 and starts WebKitWebDriver); tauri-driver launches the binary named in
// `tauri:options`. Run the suite with `bash run.sh`, not `wdio` alone.
import { existsSync, mkdirSync } from 'node:fs'
import { SevereServiceError } from 'webdriverio'
import { appBinary, screenshotDir } from './paths.ts'
import { ENCRYPTED_START_SPEC, encryptBeforeStart } from './encrypted-start.ts'

export const config: WebdriverIO.Config = {
  runner: 'local',
  hostname: '127.0.0.1',
  port: 4444,
  specs: ['./specs/**/*.e2e.ts'],
  maxInstances: 1,
  capabilities: [
    {
      // No browserName: tauri-driver matches on `tauri:options` alone. WebKitWebDriver speaks
      // classic WebDriver only, so WebdriverIO must not ask for a BiDi session.
      'wdio:enforceWebDriverClassic': true,
      'tauri:options': { application: appBinary },
    } as WebdriverIO.Capabilities,
  ],
  // run.sh provides the display (tauri-driver, not the test worker, starts the app).
  autoXvfb: false,
  logLevel: 'warn',
  bail: 0,
  waitforTimeout: 10_000,
  connectionRetryTimeout: 120_000,
  connectionRetryCount: 1,
  framework: 'mocha',
  reporters: ['spec'],
  mochaOpts: { ui: 'bdd', timeout: 120_000 },

  /** A failed test leaves a screenshot of the window in screenshots/, named after the test. */
  async afterTest(test, _context, { passed }) {
    if (!passed) {
      const name = test.title.replace(/[^\p{L}\p{N}]+/gu, '-')
      const { screenshot } = await import('./helpers.ts')
      await screenshot(`FAILED-${name}`)
    }
  },

  /** The spec that starts on an encrypted database gets it before its window opens. */
  beforeSession(_config, _capabilities, specs) {
    if (specs.some((spec) => spec.includes(ENCRYPTED_START_SPEC))) encryptBeforeStart()
  },

  onPrepare() {
    if (!existsSync(appBinary)) {
      throw new SevereServiceError(`no app at ${appBinary}: build it first with scripts/build-app.sh`)
    }
    mkdirSync(screenshotDir, { recursive: true })
  },
}
