// How the volunteer screens print the core's numbers: hours with at most one
// decimal, rates as percentages, dates in the Chinese long form. Nothing here
// adds anything up.

/** 1234.5 → "1,234.5"; whole hours without a decimal. */
export const hoursText = (hours: number) => hours.toLocaleString('zh-CN', { maximumFractionDigits: 1 })

/** 62.5 → "62.5%". */
export const rateText = (percent: number) => `${percent.toLocaleString('zh-CN', { maximumFractionDigits: 1 })}%`

/** "2026-05-20" → "2026年5月20日"; a partial date as far as it goes; anything else unchanged. */
export function chineseDate(date: string): string {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(date)
  if (!m) return date
  const [, y, mo, d] = m
  if (!mo) return `${y}年`
  if (!d) return `${y}年${Number(mo)}月`
  return `${y}年${Number(mo)}月${Number(d)}日`
}
