// The database as a whole: its status, which file is open (another one, a new
// one, one made from a JSON backup, the demo's), its passphrase, the year's
// figures.
import type { DatabasePlaces } from '@/generated/DatabasePlaces'
import type { Overview } from '@/generated/Overview'
import type { PassphraseChanged } from '@/generated/PassphraseChanged'
import type { StoreStatus } from '@/generated/StoreStatus'
import type { YearStats } from '@/generated/YearStats'
import { call } from './call'

/** The database file, whether it is empty, and the committee's names. */
export const appStatus = () => call<StoreStatus>('app_status')

/** Where the default database and the demo's are. */
export const databasePlaces = () => call<DatabasePlaces>('database_places')

/**
 * Works on the existing database `file` from now on; returns its status. An
 * encrypted file needs its `passphrase` (ignored for one that is not).
 */
export const openDatabase = (file: string, passphrase: string | null = null) =>
  call<StoreStatus>('database_open', { file, passphrase })

/** Opens the encrypted database the app started on, which it could not open without `passphrase`. */
export const unlockDatabase = (passphrase: string) => call<StoreStatus>('database_unlock', { passphrase })

/** Locks the encrypted database in use: every page waits for its passphrase again. */
export const lockDatabase = () => call<void>('database_lock')

/**
 * Sets (`current` null), changes, or removes (`next` null) the passphrase of
 * the open database; the core re-encrypts the file and every backup in the
 * backup folder, which takes a few seconds.
 */
export const changePassphrase = (current: string | null, next: string | null) =>
  call<PassphraseChanged>('database_passphrase', { current, new: next })

/** Creates the empty database `file` (which must not exist) and works on it. */
export const createDatabase = (file: string) => call<StoreStatus>('database_create', { file })

/** Creates the database `file` from the JSON backup `json` and works on it. */
export const databaseFromJson = (json: string, file: string) =>
  call<StoreStatus>('database_from_json', { json, file })

/** Works on the demo hospital's database, a file of its own, filled on first use. */
export const openDemo = () => call<StoreStatus>('demo_open')

/** The day the app takes as today (the core's, set by DANGJIAN_TODAY in tests), `YYYY-MM-DD`. */
export const appToday = () => call<string>('app_today')

/** The figures of one calendar year. */
export const yearStats = (year: number) => call<YearStats>('year_stats', { year })

/** Writes the statistics workbook of `year` to `out` (an absolute .xlsx path); returns the sheet names. */
export const exportStats = (year: number, out: string) => call<string[]>('stats_export', { year, out })

/** The top of the home screen in one call: today, the committee and the to-do list. */
export const overview = () => call<Overview>('overview')
