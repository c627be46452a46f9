// A branch committee is a list of dated posts (CommitteePost): who held which
// seat from when to when. Who holds a seat on a given day is the core's to
// say (`CommitteePost::held_on`; lists get it as BranchView.secretary_now and
// committee_now). The editor only orders the posts for display: open posts
// (no 离任日期) first, then the ended ones as history. No date arithmetic.
import type { CommitteePost } from '@/generated/CommitteePost'
import type { CommitteeRole } from '@/generated/CommitteeRole'

/** True when the post has a 离任日期: the editor shows it as history. */
export const isEnded = (post: CommitteePost) => !!post.ended_on

const ROLE_ORDER: Record<CommitteeRole, number> = { secretary: 0, deputy_secretary: 1, member: 2 }

/** For the editor: open posts first (secretary, deputy, members; each by start), then ended ones, latest ended first. */
export function postsForEditing(posts: readonly CommitteePost[]): CommitteePost[] {
  const open = posts
    .filter((p) => !isEnded(p))
    .sort((a, b) => ROLE_ORDER[a.role] - ROLE_ORDER[b.role] || (a.started_on ?? '').localeCompare(b.started_on ?? ''))
  const ended = posts
    .filter(isEnded)
    .sort((a, b) => b.ended_on!.localeCompare(a.ended_on!) || ROLE_ORDER[a.role] - ROLE_ORDER[b.role])
  return [...open, ...ended]
}
