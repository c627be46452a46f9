// The database as a whole: its status, the demo data, the year's figures.
import type { Overview } from '@/generated/Overview'
import type { StoreStatus } from '@/generated/StoreStatus'
import type { YearStats } from '@/generated/YearStats'
import { call } from './call'

/** The database file, whether it is empty, and the committee's names. */
export const appStatus = () => call<StoreStatus>('app_status')

/** Fills an empty database with the demo hospital. */
export const loadDemo = () => call<null>('load_demo')

/** The day the app takes as today (the core's, set by DANGJIAN_TODAY in tests), `YYYY-MM-DD`. */
export const appToday = () => call<string>('app_today')

/** The figures of one calendar year. */
export const yearStats = (year: number) => call<YearStats>('year_stats', { year })

/** Writes the statistics workbook of `year` to `out` (an absolute .xlsx path); returns the sheet names. */
export const exportStats = (year: number, out: string) => call<string[]>('stats_export', { year, out })

/** The top of the home screen in one call: today, the committee and the to-do list. */
export const overview = () => call<Overview>('overview')
