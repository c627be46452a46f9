// The name a saved report is offered under, e.g. 2026年度党建品牌建设报告.pdf,
// 内科党支部2026年迎检台账.pdf or 2026年度统计表.xlsx.
import type { ReportRequest } from '@/generated/ReportRequest'
import { REPORT_KIND_LABELS } from '@/generated/labels'

/** The extension of the file each kind is saved as. */
export const extensionOf = (request: ReportRequest) => (request.kind === 'statistics' ? 'xlsx' : 'pdf')

/** The file name to offer in the save dialog; `branchName` names a ledger's branch. */
export function reportFileName(request: ReportRequest, branchName: (id: number) => string): string {
  const label = REPORT_KIND_LABELS[request.kind]
  const [branchId] = request.branch_ids
  const stem =
    request.kind === 'ledger' && branchId !== undefined
      ? `${branchName(branchId)}${request.year}年${label}`
      : `${request.year}${label}`
  return `${stem}.${extensionOf(request)}`
}
