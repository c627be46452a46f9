// Where each thing on the compliance grid and the to-do list is fixed: the
// meeting ledger (/meetings) at a record, at a kind of record, or on a new
// record's form; the members page at a member; the suggestions page at a
// suggestion past its due date (?id=N, see SuggestionsPage). The ledger reads
// these query parameters (see MeetingsPage): branch (id), year, meeting (id),
// kind, period, new ('1'), date, group (id).
import type { RouteLocationRaw } from 'vue-router'
import type { ComplianceItem } from '@/generated/ComplianceItem'
import type { MeetingKind } from '@/generated/MeetingKind'
import type { Obligation } from '@/generated/Obligation'
import type { Reminder } from '@/generated/Reminder'
import { MEETING_KIND_LABELS } from '@/generated/labels'
import { dayInPeriod } from '@/api/period'

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

/** The suggestions page opened at one suggestion. */
export function suggestionLink(suggestionId: number): RouteLocationRaw {
  return { path: '/suggestions', query: { id: String(suggestionId) } }
}

/** What a click on a grid cell does: open the one record, the ledger of several, or a new record. */
export type CellTarget =
  | { action: 'record'; to: RouteLocationRaw }
  | { action: 'ledger'; to: RouteLocationRaw; count: number }
  | { action: 'new'; to: RouteLocationRaw }

/**
 * Where a grid cell leads. A cell short of its required count (held <
 * required) opens a new record of that branch, kind and period, dated inside
 * the period (not after today), even when some meetings already count: what
 * is missing is a record, and the ledger is one click away on the new
 * record's page. A cell that is met opens the one record that counts, or the
 * branch's records of that kind and period when several do. Null when there
 * is nothing to open: a cell that does not apply and has no record, or a
 * period that has not begun.
 */
export function cellTarget(
  branchId: number,
  year: number,
  item: ComplianceItem,
  kind: MeetingKind,
  today: string,
): CellTarget | null {
  if (item.status !== 'n/a' && item.held < item.required) {
    const date = dayInPeriod(item.period, today)
    if (date) return { action: 'new', to: newRecordLink(branchId, kind, date, item.group_id) }
  }
  if (item.meeting_ids.length === 1) return { action: 'record', to: meetingLink(branchId, year, item.meeting_ids[0]!) }
  if (item.meeting_ids.length > 1)
    return {
      action: 'ledger',
      to: { path: '/meetings', query: { branch: String(branchId), year: String(year), kind, period: item.period } },
      count: item.meeting_ids.length,
    }
  return null
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
    case 'suggestion_overdue':
      return reminder.suggestion_id === null ? null : suggestionLink(reminder.suggestion_id)
    case 'incomplete_record':
      return reminder.meeting_id === null
        ? null
        : meetingLink(reminder.branch_id, Number(reminder.date.slice(0, 4)), reminder.meeting_id)
    default:
      return reminder.member_id === null ? null : { path: '/members', query: { member: String(reminder.member_id) } }
  }
}
