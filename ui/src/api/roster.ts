// Member rosters: import (preview, apply, error report), export and template.
import type { ImportReport } from '@/generated/ImportReport'
import type { RosterOptions } from '@/generated/RosterOptions'
import { ROSTER_FIELD_LABELS } from '@/generated/labels'
import { call } from './call'
import { fieldChoices } from './imports'

/** The fields a roster column can fill, with their Chinese names, in roster order. */
export const ROSTER_FIELDS = fieldChoices(ROSTER_FIELD_LABELS)

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
export const exportRoster = (out: string, fullNumbers: boolean) => call<number>('roster_export', { out, fullNumbers })

/** Writes an empty roster template with drop-down lists. */
export const writeRosterTemplate = (out: string) => call<null>('roster_template', { out })
