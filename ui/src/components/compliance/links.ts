// Where each thing on the compliance grid and the to-do list is fixed: the
// meeting ledger (/meetings) at a record, at a kind of record, or on a new
// record's form; the members page at a member. The ledger reads these query
// parameters (see MeetingsPage): branch (id), year, meeting (id), kind,
// period, new ('1'), date, group (id).
import type { RouteLocationRaw } from 'vue-router'
import type { ComplianceItem } from '@/generated/ComplianceItem'
import type { MeetingKind } from '@/generated/MeetingKind'
import type { Obligation } from '@/generated/Obligation'
import type { Reminder } from '@/generated/Reminder'
import { MEETING_KIND_LABELS } from '@/generated/labels'
import { dayInPeriod } from './period'

/** The kind of meeting that meets the obligation `code` (secretary_lesson → party_lesson). */
export function kindOfObligation(code: string, obligations: readonly Obligation[]): MeetingKind | null {
  const found = obligations.find((o) => o.code === code)
  if (found) return found.kind
  if (code === 'secretary_lesson') return 'party_lesson'
  return code in MEETING_KIND_LABELS ? (code as MeetingKind) : null
}

/** The new-record form of the ledger for a branch, kind and day. */
export function newRecordLink(branchId: number, kind: MeetingKind, date: string, groupId?: number): RouteLocationRaw {
  const query: Record<string, string> = {
    branch: String(branchId),
    year: date.slice(0, 4),
    kind,
    new: '1',
    date,
  }
  if (groupId !== undefined) query.group = String(groupId)
  return { path: '/meetings', query }
}

/** The ledger opened at one record. */
export function meetingLink(branchId: number, year: number, meetingId: number): RouteLocationRaw {
  return { path: '/meetings', query: { branch: String(branchId), year: String(year), meeting: String(meetingId) } }
}

/**
 * Where a grid cell leads: the one record that counts, the branch's records
 * of that kind in that period when several count, else a new record dated inside the period
 * (not after today). Null when there is nothing to open: a cell that does not
 * apply, or a period that has not begun.
 */
export function cellLink(
  branchId: number,
  year: number,
  item: ComplianceItem,
  kind: MeetingKind,
  today: string,
): RouteLocationRaw | null {
  if (item.meeting_ids.length === 1) return meetingLink(branchId, year, item.meeting_ids[0]!)
  if (item.meeting_ids.length > 1)
    return { path: '/meetings', query: { branch: String(branchId), year: String(year), kind, period: item.period } }
  if (item.status === 'n/a') return null
  const date = dayInPeriod(item.period, today)
  return date ? newRecordLink(branchId, kind, date, item.group_id) : null
}

/** Where a to-do item is fixed; null when it names nothing to open. */
export function reminderLink(
  reminder: Reminder,
  obligations: readonly Obligation[],
  today: string,
): RouteLocationRaw | null {
  switch (reminder.kind) {
    case 'overdue':
    case 'due': {
      const kind = reminder.obligation ? kindOfObligation(reminder.obligation, obligations) : null
      const date = reminder.period ? dayInPeriod(reminder.period, today) : null
      return kind && date ? newRecordLink(reminder.branch_id, kind, date) : null
    }
    case 'incomplete_record':
      return reminder.meeting_id === null
        ? null
        : meetingLink(reminder.branch_id, Number(reminder.date.slice(0, 4)), reminder.meeting_id)
    default:
      return reminder.member_id === null ? null : { path: '/members', query: { member: String(reminder.member_id) } }
  }
}
