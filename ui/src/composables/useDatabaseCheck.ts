import { onMounted, ref, shallowRef, watch } from 'vue'
import type { ApiError } from '@/generated/ApiError'
import { appStatus } from '@/api/app'
import { useAsync } from '@/composables/useAsync'
import { useAppStore } from '@/stores/app'

/**
 * What the frame needs to know about the database before any dialog of its
 * own: asks the core once at start, and again whenever the whole database
 * changed (locked from 设置 › 数据库加密, which has every page reload). The
 * frame loads the first-run and passphrase dialogs only when this says one is
 * due, so an ordinary start neither fetches nor draws them.
 */
export function useDatabaseCheck() {
  const app = useAppStore()
  /** Set once the start-up check has answered: whether it found the database empty (the demo is offered). */
  const checked = ref<{ offered: boolean } | null>(null)
  /** Why the database could not be opened at start, for want of something other than its passphrase. */
  const failure = shallowRef<ApiError | null>(null)
  /** The core's words on why the database waits for its passphrase (they name the file); null while it does not. */
  const lockedWhy = ref<string | null>(null)
  const { run } = useAsync(appStatus)

  let latest = 0

  /** Asks the core, and notes whether the database waits for its passphrase (the latest check's answer wins). */
  async function check() {
    const ticket = ++latest
    const outcome = await run()
    if (ticket === latest)
      lockedWhy.value = !outcome.ok && outcome.error.code === 'passphrase' ? outcome.error.message : null
    return outcome
  }

  onMounted(async () => {
    const outcome = await check()
    if (!outcome.ok && !lockedWhy.value) failure.value = outcome.error
    checked.value = { offered: outcome.ok && outcome.value.empty }
  })
  watch(() => app.dataVersion, check)

  return { checked, failure, lockedWhy }
}
