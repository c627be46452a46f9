// The kinds of sheet the import page reads, and what it shows and calls for
// each: the same steps, checks and preview for a roster and for volunteer hours.
import type { HoursOptions } from '@/generated/HoursOptions'
import type { ImportReport } from '@/generated/ImportReport'
import type { RosterOptions } from '@/generated/RosterOptions'
import type { FieldChoice } from '@/api/imports'
import { HOURS_FIELDS, defaultHoursOptions, importHours, previewHours } from '@/api/hours'
import { ROSTER_FIELDS, defaultRosterOptions, importRoster, previewRoster } from '@/api/roster'

/** The options of either kind. */
export type ImportOptions = RosterOptions | HoursOptions

/** What the import page shows and calls for one kind of sheet. */
export interface ImportKind {
  /** The choice's name (党员名册). */
  name: string
  /** The page's title. */
  title: string
  /** What a sheet of this kind is called (花名册), as in 未找到花名册. */
  table: string
  /** What each row counts (人, 人次). */
  unit: string
  /** The heading of the list of changes. */
  changes: string
  /** What the first step says a file must hold. */
  hint: string
  /** What confirming would not do, when nothing changes. */
  nothing: string
  /** The fields a column can fill. */
  fields: readonly FieldChoice[]
  /** Options of a first preview. */
  defaults(): ImportOptions
  /** What importing `file` would do; changes nothing. */
  preview(file: string, options: ImportOptions): Promise<ImportReport>
  /** Imports `file`. */
  apply(file: string, options: ImportOptions): Promise<ImportReport>
}

/** The kinds, by the name the page keeps. */
export const IMPORT_KINDS = {
  roster: {
    name: '党员名册',
    title: '导入党员花名册',
    table: '花名册',
    unit: '人',
    changes: '将更新的党员',
    hint: '花名册需要一行表头，至少包含「姓名」和另一列（如身份证号、性别、所在党支部）。',
    nothing: '没有需要导入的新党员或变化。',
    fields: ROSTER_FIELDS,
    defaults: defaultRosterOptions,
    preview: previewRoster,
    apply: importRoster,
  },
  hours: {
    name: '志愿服务时长',
    title: '导入志愿服务时长',
    table: '志愿服务时长表',
    unit: '人次',
    changes: '将更新的时长',
    hint: '每行一人一次活动：活动名称、日期、姓名、工号或身份证号、时长（小时），院外志愿者注明身份（团员、群众）。活动须先在「品牌与活动」中登记；同一文件再次导入会替换原时长，不会重复计入。',
    nothing: '没有需要导入的新时长或变化。',
    fields: HOURS_FIELDS,
    defaults: defaultHoursOptions,
    preview: previewHours,
    apply: importHours,
  },
} satisfies Record<string, ImportKind>

/** The name of a kind of sheet. */
export type ImportKindName = keyof typeof IMPORT_KINDS

/** A copy of `options` (its mapping too) to send, so later edits on the page do not reach it. */
export function copyOptions<T extends ImportOptions>(options: T, includeRows = options.include_rows): T {
  return { ...options, mapping: { ...options.mapping }, include_rows: includeRows }
}
