import { describe, expect, it } from 'vitest'
import { dayInPeriod, inPeriod, isPeriod, parsePeriod, periodEnd, periodName, periodYear } from './period'

describe('periods as the core writes them', () => {
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

  it.each([
    // period, a day in it, a day outside, how the core's Period::chinese names it
    ['2026-03', '2026-03-31', '2026-04-01', '2026年3月'],
    ['2026-12', '2026-12-01', '2026-11-30', '2026年12月'],
    ['2026-Q1', '2026-03-31', '2026-04-01', '2026年第一季度'],
    ['2026-Q4', '2026-10-01', '2026-09-30', '2026年第四季度'],
    ['2026-H1', '2026-06-30', '2026-07-01', '2026年上半年'],
    ['2026-H2', '2026-07-01', '2026-06-30', '2026年下半年'],
    ['2026', '2026-12-31', '2025-12-31', '2026年'],
  ])('%s holds %s, not %s, and reads %s', (period, inside, outside, name) => {
    expect(isPeriod(period)).toBe(true)
    expect(periodYear(period)).toBe(Number(period.slice(0, 4)))
    expect(inPeriod(inside, period), `${inside} should fall in ${period}`).toBe(true)
    expect(inPeriod(outside, period), `${outside} should not fall in ${period}`).toBe(false)
    expect(periodName(period), 'the name should be the core’s Period::chinese').toBe(name)
  })

  it('refuses what is not a period, and leaves it unnamed', () => {
    for (const text of ['2026-13', '2026-00', '2026-Q5', '2026-q1', '2026-H3', '26', 'Q1', '']) {
      expect(isPeriod(text), text).toBe(false)
      expect(periodYear(text), text).toBeNull()
    }
    expect(periodName('Q2'), 'an unknown label is shown as it is').toBe('Q2')
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
