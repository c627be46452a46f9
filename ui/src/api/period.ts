// Calendar periods of an obligation, written as the core writes them
// (rules/period.rs, `Period::label`): `2026-03` (a month), `2026-Q1`,
// `2026-H1` or `2026` (the year). The one TypeScript home for reading them:
// the compliance grid draws and links them, the meeting ledger filters by
// them. Names follow the core's `Period::chinese`.

/** A period's months, 1–12, both ends included. */
export interface PeriodSpan {
  year: number
  first: number
  last: number
}

const QUARTERS = ['一', '二', '三', '四']

/** The months `label` covers, or null for anything the core never writes. */
export function parsePeriod(label: string): PeriodSpan | null {
  let m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(label)
  if (m) return { year: Number(m[1]), first: Number(m[2]), last: Number(m[2]) }
  m = /^(\d{4})-Q([1-4])$/.exec(label)
  if (m) return { year: Number(m[1]), first: Number(m[2]) * 3 - 2, last: Number(m[2]) * 3 }
  m = /^(\d{4})-H([12])$/.exec(label)
  if (m) return { year: Number(m[1]), first: Number(m[2]) * 6 - 5, last: Number(m[2]) * 6 }
  m = /^(\d{4})$/.exec(label)
  if (m) return { year: Number(m[1]), first: 1, last: 12 }
  return null
}

/** True when `label` is written in one of the four forms. */
export const isPeriod = (label: string) => parsePeriod(label) !== null

/** The year a period lies in, or null when it is not a period. */
export const periodYear = (label: string) => parsePeriod(label)?.year ?? null

const pad = (n: number) => String(n).padStart(2, '0')

/** The first day, YYYY-MM-DD. */
export function periodStart(span: PeriodSpan): string {
  return `${span.year}-${pad(span.first)}-01`
}

/** The last day, YYYY-MM-DD. */
export function periodEnd(span: PeriodSpan): string {
  const days = new Date(Date.UTC(span.year, span.last, 0)).getUTCDate()
  return `${span.year}-${pad(span.last)}-${pad(days)}`
}

/** True when the day `date` (YYYY-MM-DD) falls in the period; any day for a label that is not one. */
export function inPeriod(date: string, label: string): boolean {
  const span = parsePeriod(label)
  if (!span) return true
  return periodStart(span) <= date && date <= periodEnd(span)
}

/** How a person reads it, as the core's `Period::chinese`: 2026年3月, 2026年第一季度, 2026年上半年, 2026年. */
export function periodName(label: string): string {
  const span = parsePeriod(label)
  if (!span) return label
  const { year, first, last } = span
  switch (last - first + 1) {
    case 1:
      return `${year}年${first}月`
    case 3:
      return `${year}年第${QUARTERS[last / 3 - 1]}季度`
    case 6:
      return `${year}年${first === 1 ? '上半年' : '下半年'}`
    default:
      return `${year}年`
  }
}

/**
 * A day for a new record of this period: today while the period runs, its
 * last day once it is over, and null before it begins (nothing can be
 * recorded ahead of time).
 */
export function dayInPeriod(label: string, today: string): string | null {
  const span = parsePeriod(label)
  if (!span) return null
  const start = periodStart(span)
  const end = periodEnd(span)
  if (today < start) return null
  return today < end ? today : end
}
