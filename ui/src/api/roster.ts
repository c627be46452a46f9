// Member rosters: import (preview, apply, error report), export and template.
import type { ImportReport } from '@/generated/ImportReport'
import type { RosterField } from '@/generated/RosterField'
import type { RosterOptions } from '@/generated/RosterOptions'
import { call } from './call'

/** The file types the import reads. */
export const ROSTER_EXTENSIONS = ['xlsx', 'xlsm', 'xlsb', 'xls', 'ods', 'csv']

/** Whether `path` names a file of a type the import reads (by its extension). */
export function isRosterFile(path: string): boolean {
  const dot = path.lastIndexOf('.')
  return dot >= 0 && ROSTER_EXTENSIONS.includes(path.slice(dot + 1).toLowerCase())
}

/** The fields a column can fill, with their Chinese names, in roster order. */
export const ROSTER_FIELDS: readonly { value: RosterField; label: string }[] = [
  { value: 'serial', label: '序号（不导入）' },
  { value: 'name', label: '姓名' },
  { value: 'gender', label: '性别' },
  { value: 'ethnicity', label: '民族' },
  { value: 'id_number', label: '公民身份号码' },
  { value: 'birth_date', label: '出生日期' },
  { value: 'education', label: '学历' },
  { value: 'degree', label: '学位' },
  { value: 'category', label: '人员类别' },
  { value: 'branch', label: '所在党支部' },
  { value: 'group', label: '党小组' },
  { value: 'joined_on', label: '入党日期' },
  { value: 'full_member_on', label: '转正日期' },
  { value: 'post', label: '工作岗位' },
  { value: 'department', label: '科室' },
  { value: 'duty', label: '职务' },
  { value: 'professional_title', label: '职称' },
  { value: 'phone', label: '手机号码' },
  { value: 'address', label: '家庭住址' },
  { value: 'status', label: '党籍状态' },
  { value: 'lost_contact', label: '是否失联党员' },
  { value: 'floating', label: '是否流动党员' },
  { value: 'note', label: '备注' },
]

/** Options of a first preview: every sheet, built-in header names, every row reported. */
export function defaultRosterOptions(): RosterOptions {
  return { sheet: null, mapping: {}, skip_invalid: false, create_branches: false, include_rows: true }
}

/** What importing `file` would do; changes nothing. */
export const previewRoster = (file: string, options: RosterOptions) =>
  call<ImportReport>('roster_preview', { file, options })

/** Imports `file` in one transaction (after a backup of the database). */
export const importRoster = (file: string, options: RosterOptions) =>
  call<ImportReport>('roster_import', { file, options })

/** Saves the rows with errors, with a reason column, as xlsx; returns how many rows. */
export const saveErrorReport = (report: ImportReport, file: string, out: string) =>
  call<number>('roster_error_report', { report, file, out })

/** Writes every member to an xlsx roster; returns how many. */
export const exportRoster = (out: string) => call<number>('roster_export', { out })

/** Writes an empty roster template with drop-down lists. */
export const writeRosterTemplate = (out: string) => call<null>('roster_template', { out })
