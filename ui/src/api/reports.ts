// The 报表 screen: year-end PDF reports built by the core (their progress
// streamed back while they build, the PDF kept on the Rust side for the
// preview and for saving), and the branches' yearly notes the annual report
// prints. The statistics workbook is `exportStats` (api/app.ts).
import { Channel } from '@tauri-apps/api/core'
import type { ApiError } from '@/generated/ApiError'
import type { MissingGlyph } from '@/generated/MissingGlyph'
import type { Progress } from '@/generated/Progress'
import type { ReportRequest } from '@/generated/ReportRequest'
import type { YearNote } from '@/generated/YearNote'
import { call } from './call'

/** A finished build (report_build's `Built`); the PDF itself stays with the core. */
export interface BuiltReport {
  pages: number
  /** Characters printed as empty boxes: only when the build was told to allow them. */
  missing_glyphs: MissingGlyph[]
}

/**
 * Builds a PDF report, calling `onProgress` as it advances. Without
 * `allowMissingGlyphs`, characters no font has refuse the build with code
 * `invalid`; the refusal then names them (see `missingGlyphsOf`).
 */
export function buildReport(
  request: ReportRequest,
  allowMissingGlyphs: boolean,
  onProgress: (progress: Progress) => void,
): Promise<BuiltReport> {
  const progress = new Channel<Progress>(onProgress)
  return call<BuiltReport>('report_build', { request, allowMissingGlyphs, progress })
}

/** The characters a refused build names as missing from the fonts; empty for any other refusal. */
export function missingGlyphsOf(error: ApiError): MissingGlyph[] {
  const listed = (error as ApiError & { missing_glyphs?: unknown }).missing_glyphs
  return Array.isArray(listed) ? (listed as MissingGlyph[]) : []
}

/** The last built PDF's bytes, for the preview. */
export const reportPdf = () => call<ArrayBuffer>('report_pdf')

/** Writes the last built PDF to `out` (an absolute .pdf path). */
export const saveReport = (out: string) => call<null>('report_save', { out })

/** Each branch's notes for `year`, in the order asked; an empty one (id 0) where none is written. */
export const listYearNotes = (year: number, branchIds: number[]) =>
  call<YearNote[]>('year_note_list', { year, branchIds })

/** Writes a branch's notes for its year, replacing those stored. */
export const saveYearNote = (note: YearNote) => call<YearNote>('year_note_save', { note })
