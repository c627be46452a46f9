import { describe, expect, it } from 'vitest'
import type { PartyGroup } from '@/generated/PartyGroup'
import { groupExistedOn, inPeriod, isPeriod, periodLabel, periodYear } from './ledger'

describe('periods as the compliance grid writes them', () => {
  it.each([
    // period, a day in it, a day outside, how it reads
    ['2026-03', '2026-03-31', '2026-04-01', '2026年3月'],
    ['2026-Q1', '2026-03-31', '2026-04-01', '2026年第一季度'],
    ['2026-Q4', '2026-10-01', '2026-09-30', '2026年第四季度'],
    ['2026-H1', '2026-06-30', '2026-07-01', '2026年上半年'],
    ['2026-H2', '2026-07-01', '2026-06-30', '2026年下半年'],
    ['2026', '2026-12-31', '2025-12-31', '2026年'],
  ])('%s holds %s, not %s, and reads %s', (period, inside, outside, label) => {
    expect(isPeriod(period)).toBe(true)
    expect(periodYear(period)).toBe(Number(period.slice(0, 4)))
    expect(inPeriod(inside, period), `${inside} should fall in ${period}`).toBe(true)
    expect(inPeriod(outside, period), `${outside} should not fall in ${period}`).toBe(false)
    expect(periodLabel(period)).toBe(label)
  })

  it('refuses what is not a period', () => {
    for (const text of ['2026-13', '2026-Q5', '2026-H3', '26', 'Q1', '']) expect(isPeriod(text), text).toBe(false)
  })
})

describe('whether a party group existed on a day', () => {
  const group = (founded_on: string | null, dissolved_on: string | null): PartyGroup => ({
    id: 1,
    branch_id: 1,
    name: '第一党小组',
    leader: null,
    founded_on,
    dissolved_on,
  })

  it.each([
    [null, null, '2026-05-01', true],
    ['2026-05', null, '2026-05-01', true],
    ['2026-05-10', null, '2026-05-09', false],
    [null, '2026-05', '2026-05-31', true],
    [null, '2026-05-10', '2026-05-11', false],
    ['2020', '2024', '2024-12-31', true],
    ['2020', '2024', '2025-01-01', false],
  ])('founded %s, dissolved %s: on %s it existed = %s', (founded, dissolved, day, existed) => {
    expect(groupExistedOn(group(founded, dissolved), day)).toBe(existed)
  })
})
