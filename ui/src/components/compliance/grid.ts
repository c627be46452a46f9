// Lays one branch's compliance items out as the rows of a month grid: one row
// per obligation (per party group for a per-group rule), one cell per period,
// a quarter spanning three month columns, a half-year six, the year twelve.
import type { BranchCompliance } from '@/generated/BranchCompliance'
import type { ComplianceItem } from '@/generated/ComplianceItem'
import type { ComplianceStatus } from '@/generated/ComplianceStatus'
import type { Obligation } from '@/generated/Obligation'
import { parsePeriod } from '@/api/period'

/** One cell: an item and the month columns it covers. */
export interface GridCell {
  item: ComplianceItem
  /** First month covered, 1–12. */
  first: number
  /** How many month columns it spans. */
  span: number
}

/** One row: an obligation, for one party group when the rule is per group. */
export interface GridRow {
  key: string
  obligation: Obligation
  group: string | null
  cells: GridCell[]
  /** Every cell is n/a (a rule that does not bind this kind of branch, a branch without party groups). */
  inapplicable: boolean
}

/**
 * The rows of `branch`, in the order of `obligations`. Every item becomes a
 * cell, so the screen shows exactly what the core judged (the CLI's
 * `compliance --json` and the end-to-end test compare them); a row that
 * never applies is marked so it can be drawn quietly.
 */
export function branchRows(branch: BranchCompliance, obligations: readonly Obligation[]): GridRow[] {
  const rows: GridRow[] = []
  for (const obligation of obligations) {
    const byGroup = new Map<string, ComplianceItem[]>()
    for (const item of branch.items) {
      if (item.obligation !== obligation.code) continue
      const key = item.group_id === undefined ? '' : String(item.group_id)
      const list = byGroup.get(key)
      if (list) list.push(item)
      else byGroup.set(key, [item])
    }
    for (const [groupKey, items] of byGroup) {
      const cells: GridCell[] = []
      for (const item of items) {
        const span = parsePeriod(item.period)
        if (span) cells.push({ item, first: span.first, span: span.last - span.first + 1 })
      }
      cells.sort((a, b) => a.first - b.first)
      rows.push({
        key: `${obligation.code}/${groupKey}`,
        obligation,
        group: items[0]?.group ?? null,
        cells,
        inapplicable: items.every((i) => i.status === 'n/a'),
      })
    }
  }
  return rows
}

/** How many cells of a branch stand in each status. */
export function statusCounts(branch: BranchCompliance): Record<ComplianceStatus, number> {
  const counts: Record<ComplianceStatus, number> = { done: 0, due: 0, overdue: 0, 'n/a': 0 }
  for (const item of branch.items) counts[item.status] += 1
  return counts
}

/** A rate as a percentage (87%), or a dash when nothing has been judged yet. */
export function formatRate(rate: number | null): string {
  return rate === null ? '—' : `${Math.round(rate * 100)}%`
}
