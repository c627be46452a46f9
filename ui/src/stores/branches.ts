// The branch list, shared: the branches page edits it and the members page
// needs branch names and the filter list. Each row is a BranchView: the branch
// with its secretary and committee size today, as the core works them out.
import { defineStore } from 'pinia'
import { computed, ref, watch } from 'vue'
import type { BranchView } from '@/generated/BranchView'
import { listBranches } from '@/api/branches'
import { useAsync } from '@/composables/useAsync'
import { useAppStore } from './app'

export const useBranchesStore = defineStore('branches', () => {
  const list = ref<BranchView[]>([])
  const loaded = ref(false)
  const { loading, error, run } = useAsync(listBranches)

  /** Fetches the list again (after any change, or on first use). */
  async function refresh() {
    const outcome = await run()
    if (outcome.ok) {
      list.value = outcome.value
      loaded.value = true
    }
    return outcome
  }

  /** Fetches the list unless it is already here. */
  async function ensureLoaded() {
    if (!loaded.value) await refresh()
  }

  const byId = computed(() => new Map(list.value.map((b) => [b.id, b])))

  /** A branch's name, or a placeholder for an id not in the list. */
  function nameOf(id: number | null | undefined): string {
    if (id === null || id === undefined) return ''
    return byId.value.get(id)?.name ?? `（编号 ${id}）`
  }

  /** General branches (党总支), the only possible parents. */
  const generalBranches = computed(() => list.value.filter((b) => b.kind === 'general_branch'))

  /** Every department any branch covers, sorted, for suggestions. */
  const departments = computed(() =>
    [...new Set(list.value.flatMap((b) => b.departments))].sort((a, b) => a.localeCompare(b, 'zh-CN')),
  )

  // The demo data replaces everything: drop the cache so the next page reloads it.
  const app = useAppStore()
  watch(
    () => app.dataVersion,
    () => {
      if (loaded.value) void refresh()
    },
  )

  return { list, loaded, loading, error, refresh, ensureLoaded, byId, nameOf, generalBranches, departments }
})
