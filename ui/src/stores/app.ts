// App-wide state: a counter that pages watch to reload after the data changed
// wholesale (the demo hospital was loaded).
import { defineStore } from 'pinia'
import { ref } from 'vue'

export const useAppStore = defineStore('app', () => {
  /** Bumped whenever the whole database changed; pages reload when it moves. */
  const dataVersion = ref(0)

  /** Tells every page its data is stale. */
  function dataReplaced() {
    dataVersion.value += 1
  }

  return { dataVersion, dataReplaced }
})
