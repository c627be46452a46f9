// Volunteer hours: importing a sheet of hours (preview, apply) for activities
// already recorded.
import type { HoursOptions } from '@/generated/HoursOptions'
import type { ImportReport } from '@/generated/ImportReport'
import { HOURS_FIELD_LABELS } from '@/generated/labels'
import { call } from './call'
import { fieldChoices } from './imports'

/** The fields a column of a sheet of hours can fill, in the core's order. */
export const HOURS_FIELDS = fieldChoices(HOURS_FIELD_LABELS)

/** Options of a first preview: every sheet, built-in header names, every row reported. */
export function defaultHoursOptions(): HoursOptions {
  return { sheet: null, mapping: {}, skip_invalid: false, include_rows: true }
}

/** What importing `file` would do; changes nothing. */
export const previewHours = (file: string, options: HoursOptions) =>
  call<ImportReport>('hours_import_preview', { file, options })

/** Imports `file` in one transaction (after a backup of the database). */
export const importHours = (file: string, options: HoursOptions) =>
  call<ImportReport>('hours_import', { file, options })
