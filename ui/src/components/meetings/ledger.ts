// What the meetings page filters by besides the period (see api/period.ts):
// a kind, a search text. Pure functions, so the page and its deep links agree
// on what they mean.
import type { Meeting } from '@/generated/Meeting'
import type { MeetingKind } from '@/generated/MeetingKind'

/** True when the meeting is of `kind` or also counts for it (兼). */
export const countsFor = (meeting: Meeting, kind: MeetingKind) =>
  meeting.kind === kind || meeting.also_counts.includes(kind)

/** True when the topic, place or chair contains `text` (blank matches all). */
export function matchesSearch(meeting: Meeting, text: string): boolean {
  const needle = text.trim().toLowerCase()
  if (!needle) return true
  return [meeting.topic, meeting.place, meeting.chair].some((t) => (t ?? '').toLowerCase().includes(needle))
}
