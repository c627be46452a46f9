// How the brand-work screens write numbers, dates and activities. Display
// only: figures and target progress come from the core.
import type { Activity } from '@/generated/Activity'
import type { Participant } from '@/generated/Participant'
import type { PartialDate } from '@/generated/PartialDate'
import type { TargetMeasure } from '@/generated/TargetMeasure'

/** A number as a person writes it: 12, 3.5 (one decimal at most). */
export function num(value: number): string {
  return Number.isInteger(value) ? String(value) : String(Number(value.toFixed(1)))
}

/** The unit after a target's numbers. */
export const MEASURE_UNITS: Record<TargetMeasure, string> = {
  activities: '次',
  people_served: '人次',
  volunteer_hours: '小时',
  participation_rate: '%',
}

/** The hours the participants gave, as listed on one activity (display only). */
export function hoursOf(participants: Participant[]): number {
  return Number(participants.reduce((sum, p) => sum + p.hours, 0).toFixed(2))
}

/** An activity's day, or its first and last day: 2026-03-01 至 03-03. */
export function activityDates(a: Pick<Activity, 'date' | 'end_date'>): string {
  if (!a.end_date) return a.date
  const sameYear = a.end_date.slice(0, 4) === a.date.slice(0, 4)
  return `${a.date} 至 ${sameYear ? a.end_date.slice(5) : a.end_date}`
}

/** True when the activity's title or place contains `text`. */
export function matchesSearch(a: Activity, text: string): boolean {
  const needle = text.trim()
  if (!needle) return true
  return a.title.includes(needle) || (a.place ?? '').includes(needle)
}

/** A term of two partial dates: 2023-05 至 2026-05, 2023-05 起, —. */
export function term(from: PartialDate | null, to: PartialDate | null): string {
  if (from && to) return `${from} 至 ${to}`
  if (from) return `${from} 起`
  if (to) return `至 ${to}`
  return '—'
}
