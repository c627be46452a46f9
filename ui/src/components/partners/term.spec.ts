import { describe, expect, it } from 'vitest'
import { termEnded } from './term'

describe('termEnded', () => {
  it('ends after the last day of what is known of the end', () => {
    expect(termEnded('2026-05-19', '2026-05-20')).toBe(true)
    expect(termEnded('2026-05-20', '2026-05-20')).toBe(false)
    expect(termEnded('2026-05', '2026-05-20'), 'runs to the end of May').toBe(false)
    expect(termEnded('2026-04', '2026-05-20')).toBe(true)
    expect(termEnded('2025', '2026-05-20')).toBe(true)
    expect(termEnded('2026', '2026-05-20')).toBe(false)
  })

  it('never ends without an end date or without today', () => {
    expect(termEnded(null, '2026-05-20')).toBe(false)
    expect(termEnded('2020-01-01', '')).toBe(false)
  })
})
