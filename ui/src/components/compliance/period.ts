// The periods the compliance grid is judged in, as the core writes them:
// `2026-03` (a month), `2026-Q1`, `2026-H1` or `2026` (the year). Only what
// the screens need to draw and link them: which months a period covers, its
// Chinese name, and a day inside it.

/** A period's months, 1–12, both ends included. */
export interface PeriodSpan {
  year: number
  first: number
  last: number
}

const QUARTERS = ['一', '二', '三', '四']

/** The months `label` covers, or null for a label the core never writes. */
export function parsePeriod(label: string): PeriodSpan | null {
  let m = /^(\d{4})-(\d{2})$/.exec(label)
  if (m) return { year: Number(m[1]), first: Number(m[2]), last: Number(m[2]) }
  m = /^(\d{4})-Q([1-4])$/.exec(label)
  if (m) return { year: Number(m[1]), first: Number(m[2]) * 3 - 2, last: Number(m[2]) * 3 }
  m = /^(\d{4})-H([12])$/.exec(label)
  if (m) return { year: Number(m[1]), first: Number(m[2]) * 6 - 5, last: Number(m[2]) * 6 }
  m = /^(\d{4})$/.exec(label)
  if (m) return { year: Number(m[1]), first: 1, last: 12 }
  return null
}

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

/** How a person reads it: 2026年3月, 2026年第一季度, 2026年上半年, 2026年全年. */
export function periodName(label: string): string {
  const span = parsePeriod(label)
  if (!span) return label
  const months = span.last - span.first + 1
  const what =
    months === 1
      ? `${span.first}月`
      : months === 3
        ? `第${QUARTERS[(span.last / 3) - 1]}季度`
        : months === 6
          ? span.first === 1
            ? '上半年'
            : '下半年'
          : '全年'
  return `${span.year}年${what}`
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
