// Which party groups the meeting form offers. A display filter only: it keeps
// the list short by leaving out groups that plainly did not exist on the
// meeting's day. The core decides what may be saved (a group of another
// branch is refused; `PartyGroup::existed_during` is its rule for whether a
// group existed), and its refusal is shown as it words it.
import type { PartyGroup } from '@/generated/PartyGroup'

/**
 * Whether a group is worth offering for `date` (YYYY-MM-DD): founded by then
 * and not dissolved before. A month- or year-only date covers its whole month
 * or year; with no day yet, the groups not dissolved.
 */
function plausibleOn(group: PartyGroup, date: string): boolean {
  if (!date) return group.dissolved_on === null
  const founded = group.founded_on
  const dissolved = group.dissolved_on
  if (founded && date.slice(0, founded.length) < founded) return false
  if (dissolved && date.slice(0, dissolved.length) > dissolved) return false
  return true
}

/** The groups to list for a meeting on `date`, always keeping the one already chosen. */
export function groupsToOffer(groups: readonly PartyGroup[], date: string, chosen: number | null): PartyGroup[] {
  return groups.filter((g) => g.id === chosen || plausibleOn(g, date))
}
