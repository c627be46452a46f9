// The script side of a dialog that creates or edits one record (its template
// side is components/common/RecordFormDialog.vue). Each time the dialog opens
// the form is filled afresh: a copy of the record to edit, or a blank one to
// create, with the last refusal and validation messages cleared. Saving
// validates the form, sends the tidied record to create (id 0) or update,
// and on success closes the dialog and hands the saved record on; a refusal
// stays in `saveError` and the dialog stays open.
import { computed, nextTick, ref, useTemplateRef, watch, type Ref } from 'vue'
import type { FormInstance } from 'element-plus'
import { useAsync } from './useAsync'

/** What a record form needs to know; the record kind is `T`, with `id` 0 until it is saved. */
export interface RecordFormOptions<T extends { id: number }> {
  /** The dialog's v-model. */
  visible: Ref<boolean>
  /** The record to edit, read each time the dialog opens; null to create one. */
  record: () => T | null
  /** A new record (id 0). */
  blank: () => T
  /** The form's own copy of the record, so that editing never touches the caller's (default: a shallow copy). */
  copy?: (record: T) => T
  /** Runs each time the form has been filled (lists to load, choices derived from the record). */
  onOpen?: (form: T) => void
  /** Clear the validation messages only once the filled form has rendered. */
  clearAfterRender?: boolean
  create: (record: T) => Promise<T>
  update: (record: T) => Promise<T>
  /** The form's values as they are sent: trimmed, blank text as null (default: as they are). */
  tidy?: (form: T) => T
  /** Hears of the saved record, once the dialog has closed. */
  onSaved: (saved: T) => void
}

/** A deep copy of a plain record (one the core sent), for a form to edit. */
export const deepCopy = <T>(record: T): T => JSON.parse(JSON.stringify(record)) as T

/**
 * The form's state for a create-or-edit dialog: give the el-form
 * `ref="recordForm"` (it is `formRef` here), bind `form` to its fields and
 * `saving` and `saveError` to RecordFormDialog, and call `submit` on 保存.
 */
export function useRecordForm<T extends { id: number }>(options: RecordFormOptions<T>) {
  const { visible, copy = (record: T) => ({ ...record }), tidy = (form: T) => form } = options
  const formRef = useTemplateRef<FormInstance>('recordForm')
  const form = ref(options.blank()) as Ref<T>
  const isNew = computed(() => form.value.id === 0)
  const {
    loading: saving,
    error: saveError,
    run: runSave,
  } = useAsync((record: T) => (record.id === 0 ? options.create(record) : options.update(record)))

  watch(
    visible,
    (open) => {
      if (!open) return
      const record = options.record()
      form.value = record ? copy(record) : options.blank()
      options.onOpen?.(form.value)
      saveError.value = null
      if (options.clearAfterRender) void nextTick(() => formRef.value?.clearValidate())
      else formRef.value?.clearValidate()
    },
    { immediate: true },
  )

  async function submit() {
    const valid = await formRef.value?.validate().catch(() => false)
    if (!valid) return
    const outcome = await runSave(tidy(form.value))
    if (!outcome.ok) return
    visible.value = false
    options.onSaved(outcome.value)
  }

  return { formRef, form, isNew, saving, saveError, submit }
}
