// The years a list's records fall in, for a page's year filter: every year a
// (possibly partial) date of the list names, newest first.

/** The year of a YYYY, YYYY-MM or YYYY-MM-DD date; null without one. */
export function yearOf(date: string | null | undefined): number | null {
  const n = Number((date ?? '').slice(0, 4))
  return Number.isInteger(n) && n > 0 ? n : null
}

/** The distinct years of `dates`, newest first, with `always` (the app's year, say) among them. */
export function yearsOf(dates: readonly (string | null | undefined)[], always: number | null = null): number[] {
  const years = new Set<number>()
  for (const d of dates) {
    const y = yearOf(d)
    if (y !== null) years.add(y)
  }
  if (always !== null) years.add(always)
  return [...years].sort((a, b) => b - a)
}
