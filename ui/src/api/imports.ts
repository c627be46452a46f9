// What every import of a spreadsheet shares: the file types it reads and the
// fields a column can fill, for the header check.

/** The file types an import reads. */
export const IMPORT_EXTENSIONS = ['xlsx', 'xlsm', 'xlsb', 'xls', 'ods', 'csv']

/** Whether `path` names a file of a type an import reads (by its extension). */
export function isImportFile(path: string): boolean {
  const dot = path.lastIndexOf('.')
  return dot >= 0 && IMPORT_EXTENSIONS.includes(path.slice(dot + 1).toLowerCase())
}

/** A field a column can fill, with its Chinese name. */
export interface FieldChoice<F extends string = string> {
  value: F
  label: string
}

/**
 * The fields of one kind of sheet in the order of `labels` (generated from the
 * Rust enum, so the order is the core's); 序号 is read but not imported.
 */
export function fieldChoices<F extends string>(labels: Record<F, string>): readonly FieldChoice<F>[] {
  return (Object.entries(labels) as [F, string][]).map(([value, label]) => ({
    value,
    label: value === 'serial' ? `${label}（不导入）` : label,
  }))
}
