// A branch committee is a list of dated posts (CommitteePost): who held which
// seat from when to when. These helpers answer "who holds it today" the way
// the core does (CommitteePost::held_on): a month-only date covers its whole
// month, a missing start means since the branch began, a missing end means
// still in office.
import type { Branch } from '@/generated/Branch'
import type { CommitteePost } from '@/generated/CommitteePost'
import type { CommitteeRole } from '@/generated/CommitteeRole'
import type { PartialDate } from '@/generated/PartialDate'

const pad = (n: number) => String(n).padStart(2, '0')

/** The first day a partial date can mean, YYYY-MM-DD. */
export function firstDay(date: PartialDate): string {
  if (date.length === 4) return `${date}-01-01`
  if (date.length === 7) return `${date}-01`
  return date
}

/** The last day a partial date can mean, YYYY-MM-DD. */
export function lastDay(date: PartialDate): string {
  if (date.length === 4) return `${date}-12-31`
  if (date.length === 7) {
    const [y, m] = date.split('-').map(Number)
    return `${date}-${pad(new Date(Date.UTC(y!, m!, 0)).getUTCDate())}`
  }
  return date
}

/** True when the seat was held on `day` (YYYY-MM-DD). */
export function heldOn(post: CommitteePost, day: string): boolean {
  return (!post.started_on || firstDay(post.started_on) <= day) && (!post.ended_on || day <= lastDay(post.ended_on))
}

/** True when the post ended before `today`: history. */
export function isPast(post: CommitteePost, today: string): boolean {
  return !!post.ended_on && lastDay(post.ended_on) < today
}

/** The branch's secretary today: the post held today, else the one not ended. */
export function currentSecretary(branch: Branch, today: string): CommitteePost | null {
  const seats = branch.committee.filter((p) => p.role === 'secretary')
  return seats.find((p) => heldOn(p, today)) ?? seats.find((p) => !p.ended_on) ?? null
}

/** The posts held today (or not ended), secretary first. */
export function currentCommittee(branch: Branch, today: string): CommitteePost[] {
  return sortPosts(branch.committee.filter((p) => heldOn(p, today) || !p.ended_on))
}

const ROLE_ORDER: Record<CommitteeRole, number> = { secretary: 0, deputy_secretary: 1, member: 2 }

/** Secretary, deputy, members; each by start date. */
export function sortPosts(posts: CommitteePost[]): CommitteePost[] {
  return [...posts].sort(
    (a, b) =>
      ROLE_ORDER[a.role] - ROLE_ORDER[b.role] ||
      (a.started_on ? firstDay(a.started_on) : '').localeCompare(b.started_on ? firstDay(b.started_on) : ''),
  )
}

/** For the editor: current posts first (by role), then past ones, latest ended first. */
export function postsForEditing(posts: CommitteePost[], today: string): CommitteePost[] {
  const current = sortPosts(posts.filter((p) => !isPast(p, today)))
  const past = posts
    .filter((p) => isPast(p, today))
    .sort((a, b) => lastDay(b.ended_on!).localeCompare(lastDay(a.ended_on!)) || ROLE_ORDER[a.role] - ROLE_ORDER[b.role])
  return [...current, ...past]
}

/** Today on this computer, YYYY-MM-DD: only until the app's today (app_today) has arrived. */
export function localToday(): string {
  const now = new Date()
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`
}
