import { describe, expect, it } from 'vitest'
import { dayInPeriod, parsePeriod, periodEnd, periodName } from './period'

describe('periods of the compliance grid', () => {
  it('reads each kind of period label into the months it covers', () => {
    expect(
      ['2026-03', '2026-Q2', '2026-H2', '2026', 'Q2'].map(parsePeriod),
      'months, quarters, halves and the year, and nothing for a label the core never writes',
    ).toEqual([
      { year: 2026, first: 3, last: 3 },
      { year: 2026, first: 4, last: 6 },
      { year: 2026, first: 7, last: 12 },
      { year: 2026, first: 1, last: 12 },
      null,
    ])
  })

  it('names periods as a person reads them', () => {
    expect(['2026-03', '2026-Q4', '2026-H1', '2026-H2', '2026'].map(periodName)).toEqual([
      '2026年3月',
      '2026年第四季度',
      '2026年上半年',
      '2026年下半年',
      '2026年全年',
    ])
  })

  it('ends February on its last day, leap years included', () => {
    expect(periodEnd(parsePeriod('2028-02')!)).toBe('2028-02-29')
    expect(periodEnd(parsePeriod('2026-02')!)).toBe('2026-02-28')
  })

  it('dates a new record today while the period runs, on its last day after, and not at all before', () => {
    expect(dayInPeriod('2026-Q2', '2026-05-20'), 'a running quarter').toBe('2026-05-20')
    expect(dayInPeriod('2026-Q1', '2026-05-20'), 'a past quarter').toBe('2026-03-31')
    expect(dayInPeriod('2026-06', '2026-05-20'), 'a month not begun').toBeNull()
    expect(dayInPeriod('2025', '2026-05-20'), 'a past year').toBe('2025-12-31')
  })
})
