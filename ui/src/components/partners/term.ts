// Whether a pairing agreement's term is over. Its end may be known only to
// the month or the year (PartialDate); it runs to the last day of what is
// known: an agreement ending 2026-05 is still in force on 2026-05-20.

/** The last possible day of a YYYY, YYYY-MM or YYYY-MM-DD date, as comparable text. */
function lastDay(date: string): string {
  if (/^\d{4}$/.test(date)) return `${date}-12-31`
  if (/^\d{4}-\d{2}$/.test(date)) return `${date}-31`
  return date
}

/** True when the term ended before `today` (YYYY-MM-DD); never for an open-ended one. */
export function termEnded(endedOn: string | null, today: string): boolean {
  return !!endedOn && !!today && lastDay(endedOn) < today
}
