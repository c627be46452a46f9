import { describe, expect, it } from 'vitest'
import { reportFileName } from './fileName'

const names = (id: number) => ({ 3: '内科党支部' })[id] ?? '?'

describe('reportFileName', () => {
  it('names the annual report and the statistics workbook after the year', () => {
    expect(reportFileName({ kind: 'annual', year: 2026, branch_ids: [] }, names)).toBe('2026年度党建品牌建设报告.pdf')
    expect(reportFileName({ kind: 'annual', year: 2026, branch_ids: [3] }, names)).toBe('2026年度党建品牌建设报告.pdf')
    expect(reportFileName({ kind: 'statistics', year: 2025, branch_ids: [] }, names)).toBe('2025年度统计表.xlsx')
  })

  it('names a ledger after its branch and year', () => {
    expect(reportFileName({ kind: 'ledger', year: 2026, branch_ids: [3] }, names)).toBe('内科党支部2026年迎检台账.pdf')
  })
})
