// The lists the brand-work screens share: brands (for names and the activity
// form's brand choice), the activity kinds of 设置, and the partner
// organisations. The brands page reloads them all when it opens (another page
// may have changed partners); its dialogs and the settings refresh the one
// they changed.
import { defineStore } from 'pinia'
import { computed, ref, watch } from 'vue'
import type { Brand } from '@/generated/Brand'
import type { Partner } from '@/generated/Partner'
import { listActivityKinds, listBrands, listPartners } from '@/api/brandWork'
import { useAsync } from '@/composables/useAsync'
import { useAppStore } from './app'

export const useBrandWorkStore = defineStore('brandWork', () => {
  const brands = ref<Brand[]>([])
  const kinds = ref<string[]>([])
  const partners = ref<Partner[]>([])
  const loaded = ref(false)

  const brandsCall = useAsync(listBrands)
  const kindsCall = useAsync(listActivityKinds)
  const partnersCall = useAsync(listPartners)

  async function refreshBrands() {
    const outcome = await brandsCall.run()
    if (outcome.ok) brands.value = outcome.value
  }
  async function refreshKinds() {
    const outcome = await kindsCall.run()
    if (outcome.ok) kinds.value = outcome.value
  }
  async function refreshPartners() {
    const outcome = await partnersCall.run()
    if (outcome.ok) partners.value = outcome.value
  }

  let reading: Promise<void> | null = null

  /** Reads all three lists again. */
  async function refresh() {
    const mine = Promise.all([refreshBrands(), refreshKinds(), refreshPartners()]).then(() => {
      loaded.value = true
    })
    reading = mine
    await mine
    if (reading === mine) reading = null
  }

  /** Reads the lists unless they are already here (or being read). */
  async function ensureLoaded() {
    if (reading) await reading
    else if (!loaded.value) await refresh()
  }

  /** The first failure among the three lists, to show. */
  const error = computed(() => brandsCall.error.value ?? kindsCall.error.value ?? partnersCall.error.value)
  const loading = computed(() => brandsCall.loading.value || kindsCall.loading.value || partnersCall.loading.value)

  const brandName = (id: number | null | undefined) =>
    id == null ? '' : (brands.value.find((b) => b.id === id)?.name ?? `（编号 ${id}）`)
  const partnerName = (id: number | null | undefined) =>
    id == null ? '' : (partners.value.find((p) => p.id === id)?.name ?? `（编号 ${id}）`)

  const app = useAppStore()
  watch(
    () => app.dataVersion,
    () => {
      if (loaded.value) void refresh()
    },
  )

  return {
    brands,
    kinds,
    partners,
    loaded,
    loading,
    error,
    refresh,
    refreshBrands,
    refreshKinds,
    ensureLoaded,
    brandName,
    partnerName,
  }
})
