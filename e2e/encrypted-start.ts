// The start of the app on an encrypted database: a spec whose file name holds
// ENCRYPTED_START_SPEC gets its database encrypted by the CLI before its
// session launches the app (wdio.conf.ts, beforeSession), so the window opens
// on an encrypted file as it does on a laptop where a passphrase was set.
import { execFileSync } from 'node:child_process'
import { cliBinary, databasePath } from './paths.ts'

/** The name (without ending) of the spec that starts on an encrypted database. */
export const ENCRYPTED_START_SPEC = 'start-encrypted'

/** The passphrase set before that spec's start. */
export const START_PASSPHRASE = 'start passphrase 2026'

/** The branch added before the passphrase is set, which the unlocked app shows. */
export const START_BRANCH = '启动加密测试党支部'

/** Adds [`START_BRANCH`] to the database (creating it if needed) and encrypts it with [`START_PASSPHRASE`]. */
export function encryptBeforeStart(): void {
  const db = databasePath()
  execFileSync(cliBinary(), ['--db', db, 'branch', 'add', '--name', START_BRANCH])
  execFileSync(cliBinary(), ['--db', db, 'passphrase', 'set', '--yes'], {
    env: { ...process.env, DANGJIAN_NEW_PASSPHRASE: START_PASSPHRASE },
  })
}
