// What the meetings page filters by: a period written the way the compliance
// grid writes it (2026-03, 2026-Q1, 2026-H1, 2026), a kind, a search text.
// Pure functions, so the page and its deep links agree on what they mean.
import type { Meeting } from '@/generated/Meeting'
import type { MeetingKind } from '@/generated/MeetingKind'
import type { PartyGroup } from '@/generated/PartyGroup'

/** A period as the first and last month it covers. */
interface MonthSpan {
  year: number
  first: number
  last: number
}

const ORDINALS = ['一', '二', '三', '四']

/** Reads `2026-03`, `2026-Q1`, `2026-H1` or `2026`; null for anything else. */
function parsePeriod(period: string): MonthSpan | null {
  const text = period.trim()
  let m = /^(\d{4})$/.exec(text)
  if (m) return { year: Number(m[1]), first: 1, last: 12 }
  m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(text)
  if (m) return { year: Number(m[1]), first: Number(m[2]), last: Number(m[2]) }
  m = /^(\d{4})-Q([1-4])$/i.exec(text)
  if (m) return { year: Number(m[1]), first: Number(m[2]) * 3 - 2, last: Number(m[2]) * 3 }
  m = /^(\d{4})-H([12])$/i.exec(text)
  if (m) return { year: Number(m[1]), first: Number(m[2]) * 6 - 5, last: Number(m[2]) * 6 }
  return null
}

/** True when `period` is written in one of the four accepted forms. */
export const isPeriod = (period: string) => parsePeriod(period) !== null

/** The year a period lies in, or null when it is not a period. */
export const periodYear = (period: string) => parsePeriod(period)?.year ?? null

/** True when the day `date` (YYYY-MM-DD) falls in `period`. */
export function inPeriod(date: string, period: string): boolean {
  const span = parsePeriod(period)
  if (!span) return true
  const year = Number(date.slice(0, 4))
  const month = Number(date.slice(5, 7))
  return year === span.year && month >= span.first && month <= span.last
}

/** How a person reads a period: 2026年3月, 2026年第一季度, 2026年上半年, 2026年. */
export function periodLabel(period: string): string {
  const span = parsePeriod(period)
  if (!span) return period
  const { year, first, last } = span
  if (first === last) return `${year}年${first}月`
  if (last - first === 2) return `${year}年第${ORDINALS[(first - 1) / 3]}季度`
  if (last - first === 5) return `${year}年${first === 1 ? '上半年' : '下半年'}`
  return `${year}年`
}

/** True when the meeting is of `kind` or also counts for it (兼). */
export const countsFor = (meeting: Meeting, kind: MeetingKind) =>
  meeting.kind === kind || meeting.also_counts.includes(kind)

/** True when the topic, place or chair contains `text` (blank matches all). */
export function matchesSearch(meeting: Meeting, text: string): boolean {
  const needle = text.trim().toLowerCase()
  if (!needle) return true
  return [meeting.topic, meeting.place, meeting.chair].some((t) => (t ?? '').toLowerCase().includes(needle))
}

/**
 * True when the party group existed on `date`. Its dates may be month- or
 * year-only: such a date covers the whole month or year.
 */
export function groupExistedOn(group: PartyGroup, date: string): boolean {
  if (!date) return group.dissolved_on === null
  const founded = group.founded_on
  const dissolved = group.dissolved_on
  if (founded && date.slice(0, founded.length) < founded) return false
  if (dissolved && date.slice(0, dissolved.length) > dissolved) return false
  return true
}
