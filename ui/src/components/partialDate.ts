// Dates that may be known only to the month or the year (PartialDate on the
// Rust side): the forms accept YYYY, YYYY-MM and YYYY-MM-DD and leave the
// rest (a real calendar day, not in the future, in order) to the server.
import type { FormItemRule } from 'element-plus'

/** YYYY, YYYY-MM or YYYY-MM-DD. */
export const PARTIAL_DATE = /^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/

/** A full YYYY-MM-DD date. */
export const FULL_DATE = /^\d{4}-\d{2}-\d{2}$/

/** A form rule that accepts an empty value or a partial date. */
export function partialDateRule(label: string): FormItemRule {
  return {
    trigger: ['blur', 'change'],
    validator: (_rule, value: unknown, callback: (error?: Error) => void) => {
      if (value === null || value === undefined || value === '' || PARTIAL_DATE.test(String(value))) callback()
      else callback(new Error(`${label}应写成 YYYY-MM-DD，只知年月的写成 YYYY-MM`))
    },
  }
}

/** Trimmed text, or null when nothing is left. */
export function textOrNull(value: string | null | undefined): string | null {
  const trimmed = (value ?? '').trim()
  return trimmed === '' ? null : trimmed
}
