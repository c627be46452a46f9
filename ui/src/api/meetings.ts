// Organisational life (组织生活). The meeting commands will join this file.
import type { MeetingKind } from '@/generated/MeetingKind'

/** What the UI calls each kind of meeting, in the order the rules list them. */
export const MEETING_KIND_LABELS: Record<MeetingKind, string> = {
  general_meeting: '支部党员大会',
  committee_meeting: '支部委员会会议',
  group_meeting: '党小组会',
  party_lesson: '党课',
  theme_day: '主题党日',
  org_life_meeting: '组织生活会',
  democratic_review: '民主评议党员',
  talk: '谈心谈话',
}
