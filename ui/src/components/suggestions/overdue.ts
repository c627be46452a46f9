// When a suggestion is overdue, as the core decides it (store/suggestions.rs,
// Suggestion::overdue, the rule behind the to-do list's 意见建议逾期未办结):
// not 已办结 and its due date before today. Dates are YYYY-MM-DD, so they
// compare as text.
import type { Suggestion } from '@/generated/Suggestion'

/** True when `suggestion` is not closed and was due before `today` (YYYY-MM-DD). */
export function isOverdue(suggestion: Pick<Suggestion, 'status' | 'due_on'>, today: string): boolean {
  return !!today && suggestion.status !== '已办结' && suggestion.due_on !== null && suggestion.due_on < today
}
