// Organisational life (组织生活): the meeting ledger, one record, who should
// attend, and the record's attachments.
import type { Attachment } from '@/generated/Attachment'
import type { LedgerEntry } from '@/generated/LedgerEntry'
import type { Meeting } from '@/generated/Meeting'
import type { MeetingKind } from '@/generated/MeetingKind'
import type { Member } from '@/generated/Member'
import { MEETING_KIND_LABELS } from '@/generated/labels'
import { call } from './call'

// Pages have always imported the labels from here; they are the generated ones.
export { MEETING_KIND_LABELS }

/** Every kind of meeting, in the order the rules list them. */
export const MEETING_KINDS = Object.keys(MEETING_KIND_LABELS) as MeetingKind[]

/**
 * The meetings of one year, by date, of one branch or (`null`) of all, as a
 * list shows them: no attendance rows, content, decisions or vote (open a
 * record with `getMeeting`).
 */
export const meetingLedger = (year: number, branchId: number | null) =>
  call<LedgerEntry[]>('meeting_ledger', { year, branchId })

/** One meeting with its findings, counts and attachments. */
export const getMeeting = (id: number) => call<LedgerEntry>('meeting_get', { id })

/**
 * Who should attend (应到) as the roster stood on `date`: the branch's members,
 * the group's for a group meeting, the committee's for a committee meeting;
 * empty for a talk, whose participants are picked by hand. Masked.
 */
export const expectedAttendees = (branchId: number, kind: MeetingKind, groupId: number | null, date: string) =>
  call<Member[]>('meeting_expected', { branchId, kind, groupId, date })

/** Records a meeting (its `id` is ignored; send 0); returns it with its findings. */
export const createMeeting = (meeting: Meeting) =>
  call<LedgerEntry>('meeting_create', { meeting: { ...meeting, id: 0 } })

/** Saves changes to a meeting; returns it with its findings. */
export const updateMeeting = (meeting: Meeting) => call<LedgerEntry>('meeting_update', { meeting })

/** Deletes a meeting record. */
export const deleteMeeting = (id: number) => call<null>('meeting_delete', { id })

/** Copies the file at `file` (an absolute path) into the store and links it to the meeting. */
export const attachToMeeting = (id: number, file: string) => call<Attachment>('meeting_attach', { id, file })

/** A new record with nothing filled in but its branch and day. */
export function blankMeeting(branchId: number, date: string): Meeting {
  return {
    id: 0,
    branch_id: branchId,
    group_id: null,
    kind: 'general_meeting',
    date,
    start_time: null,
    place: null,
    chair: null,
    recorder: null,
    lecturer: null,
    topic: '',
    content: null,
    decisions: null,
    vote: null,
    also_counts: [],
    attendance: [],
  }
}
