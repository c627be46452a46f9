// Async calls with a loading flag and the last error, for pages and dialogs.
import { ref, shallowRef, type Ref, type ShallowRef } from 'vue'
import type { ApiError } from '@/generated/ApiError'
import { toApiError } from '@/api/call'

/** How a call ended: its value, or the error the UI should show. */
export type Outcome<T> = { ok: true; value: T } | { ok: false; error: ApiError }

/** The state of one kind of async call. */
export interface AsyncCall<A extends unknown[], T> {
  /** True while a call is under way. */
  loading: Ref<boolean>
  /** The last call's error; cleared when a new call starts. */
  error: ShallowRef<ApiError | null>
  /** Runs the call; never throws. */
  run: (...args: A) => Promise<Outcome<T>>
}

/**
 * Wraps `work` so a page can bind `loading` to a spinner and `error` to an alert.
 * `run` resolves with an `Outcome` instead of throwing, so callers branch on
 * `ok` and never forget a `catch`. Overlapping calls are allowed; `loading`
 * stays true until the last one has finished and only the latest call's
 * error is kept.
 */
export function useAsync<A extends unknown[], T>(work: (...args: A) => Promise<T>): AsyncCall<A, T> {
  const loading = ref(false)
  const error = shallowRef<ApiError | null>(null)
  let pending = 0
  let latest = 0

  async function run(...args: A): Promise<Outcome<T>> {
    const ticket = ++latest
    pending += 1
    loading.value = true
    error.value = null
    try {
      return { ok: true, value: await work(...args) }
    } catch (reason) {
      const failure = toApiError(reason)
      if (ticket === latest) error.value = failure
      return { ok: false, error: failure }
    } finally {
      pending -= 1
      loading.value = pending > 0
    }
  }

  return { loading, error, run }
}
