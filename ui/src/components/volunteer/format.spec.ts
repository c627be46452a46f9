import { describe, expect, it } from 'vitest'
import { chineseDate, hoursText, rateText } from './format'

describe('volunteer formats', () => {
  it('prints hours, rates and dates as the certificate and tables show them', () => {
    expect(hoursText(1234.5)).toBe('1,234.5')
    expect(hoursText(12)).toBe('12')
    expect(rateText(62.5)).toBe('62.5%')
    expect(chineseDate('2026-05-08')).toBe('2026年5月8日')
    expect(chineseDate('2026-05')).toBe('2026年5月')
    expect(chineseDate('2026')).toBe('2026年')
  })
})
