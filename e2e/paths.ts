// Where the end-to-end tests find what they drive: the built app, the dangjian CLI,
// and where they put screenshots. Import these in specs instead of spelling paths out.
import { existsSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

export const e2eDir = path.dirname(fileURLToPath(import.meta.url))
export const repoDir = path.resolve(e2eDir, '..')

/** Cargo's target directory: $CARGO_TARGET_DIR (relative to the repository) or <repo>/target. */
export const targetDir = path.resolve(repoDir, process.env.CARGO_TARGET_DIR || 'target')

/** The release app built by `npx tauri build` (it serves the bundled UI); $DANGJIAN_APP overrides. */
export const appBinary = process.env.DANGJIAN_APP || path.join(targetDir, 'release', 'dangjian-app')

/** The dangjian CLI: the release build when there is one, else the debug build. */
export function cliBinary(): string {
  const release = path.join(targetDir, 'release', 'dangjian')
  return existsSync(release) ? release : path.join(targetDir, 'debug', 'dangjian')
}

/** The database the app under test uses; run.sh sets it to a fresh temporary file. */
export function databasePath(): string {
  const db = process.env.DANGJIAN_DB
  if (!db) throw new Error('DANGJIAN_DB is not set: run the end-to-end tests through e2e/run.sh')
  return db
}

export const screenshotDir = path.join(e2eDir, 'screenshots')
