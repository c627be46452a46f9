// Member rosters: import (preview, apply, error report), export and template.
import type { ImportReport } from '@/generated/ImportReport'
import type { RosterField } from '@/generated/RosterField'
import type { RosterOptions } from '@/generated/RosterOptions'
import { ROSTER_FIELD_LABELS } from '@/generated/labels'
import { call } from './call'

/** The file types the import reads. */
export const ROSTER_EXTENSIONS = ['xlsx', 'xlsm', 'xlsb', 'xls', 'ods', 'csv']

/** Whether `path` names a file of a type the import reads (by its extension). */
export function isRosterFile(path: string): boolean {
  const dot = path.lastIndexOf('.')
  return dot >= 0 && ROSTER_EXTENSIONS.includes(path.slice(dot + 1).toLowerCase())
}

/** The fields a column can fill, with their Chinese names, in roster order. */
export const ROSTER_FIELDS: readonly { value: RosterField; label: string }[] = (
  Object.entries(ROSTER_FIELD_LABELS) as [RosterField, string][]
).map(([value, label]) => ({ value, label: value === 'serial' ? `${label}（不导入）` : label }))

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
