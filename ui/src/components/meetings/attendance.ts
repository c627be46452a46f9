// Attendance as the form edits it. Unlike a stored row, a person here may be
// not yet marked (present === null): nobody is taken as present until the user
// says so, and the form refuses to save while anyone is unmarked.
import type { Attendance } from '@/generated/Attendance'
import type { Member } from '@/generated/Member'

/** One person on the form's attendance list. */
export interface AttendanceDraft {
  /** The member, if the person is one. */
  member_id: number | null
  /** Name as recorded. */
  name: string
  /** Came (true), did not (false), not yet marked (null). */
  present: boolean | null
  /** Why they were away; ignored for someone present. */
  reason: string
  /** Added by hand (a talk's participants), not from the roll: can be removed. */
  picked: boolean
}

/**
 * The counts the form shows: 应到, 实到, 未到 and those not yet marked.
 * Whether someone away is 请假 or 缺席 is the core's call (by the reason),
 * made when the record is saved; the form does not guess it.
 */
export interface AttendanceCounts {
  expected: number
  present: number
  away: number
  unmarked: number
}

/** A stored record's rows, to edit: 请假 and 缺席 alike are someone not present, with their reason. */
export function draftsFromAttendance(rows: readonly Attendance[], picked: boolean): AttendanceDraft[] {
  return rows.map((a) => ({
    member_id: a.member_id,
    name: a.name,
    present: a.status === 'present',
    reason: a.status === 'present' ? '' : (a.reason ?? ''),
    picked,
  }))
}

/** A not-yet-marked row for a member. */
export const draftOf = (member: Member, picked: boolean): AttendanceDraft => ({
  member_id: member.id,
  name: member.name,
  present: null,
  reason: '',
  picked,
})

/**
 * The rows for a freshly loaded roll: everyone on it, unmarked unless the
 * previous rows already marked them (same member), then the hand-picked
 * people of `previous` not on the roll, when they are still relevant.
 */
export function draftsForRoll(
  roll: readonly Member[],
  previous: readonly AttendanceDraft[],
  keepPicked: boolean,
): AttendanceDraft[] {
  const byMember = new Map(previous.filter((d) => d.member_id !== null).map((d) => [d.member_id, d]))
  const rows = roll.map((m) => {
    const before = byMember.get(m.id)
    return before ? { ...before, name: m.name, picked: false } : draftOf(m, false)
  })
  if (keepPicked) {
    const onRoll = new Set(roll.map((m) => m.id))
    rows.push(...previous.filter((d) => d.picked && (d.member_id === null || !onRoll.has(d.member_id))))
  }
  return rows
}

/**
 * The rows to store: present, or absent with the reason if one was typed.
 * The core turns absent-with-a-reason into 请假 (excused) when it saves
 * (Meeting::tidy), so that rule lives in one place. Someone present never
 * carries a reason. Unmarked rows must be settled before this.
 */
export function toAttendance(drafts: readonly AttendanceDraft[]): Attendance[] {
  return drafts.map((d) => {
    if (d.present) return { member_id: d.member_id, name: d.name, status: 'present', reason: null }
    const reason = d.reason.trim()
    return { member_id: d.member_id, name: d.name, status: 'absent', reason: reason || null }
  })
}

/** 应到 N, 实到 M, 未到 K and the unmarked. */
export function countAttendance(drafts: readonly AttendanceDraft[]): AttendanceCounts {
  const counts: AttendanceCounts = { expected: drafts.length, present: 0, away: 0, unmarked: 0 }
  for (const d of drafts) {
    if (d.present === null) counts.unmarked += 1
    else if (d.present) counts.present += 1
    else counts.away += 1
  }
  return counts
}

/** The names of those not yet marked. */
export const unmarkedNames = (drafts: readonly AttendanceDraft[]) =>
  drafts.filter((d) => d.present === null).map((d) => d.name)
