import { onBeforeUnmount, ref, watch, type Ref } from 'vue'

/**
 * Becomes true the first time `target` comes within `margin` of the visible
 * part of the page, and stays true: what is drawn only once it may be seen
 * (a chart and the library that draws it) costs nothing before. Where the
 * webview cannot tell (no IntersectionObserver), it is true at once.
 */
export function useFirstSeen(target: Ref<HTMLElement | undefined>, margin = '200px'): Ref<boolean> {
  const seen = ref(typeof IntersectionObserver === 'undefined')
  let observer: IntersectionObserver | null = null
  const stop = () => {
    observer?.disconnect()
    observer = null
  }
  watch(
    target,
    (element) => {
      stop()
      if (!element || seen.value) return
      observer = new IntersectionObserver(
        (entries) => {
          if (!entries.some((entry) => entry.isIntersecting)) return
          seen.value = true
          stop()
        },
        { rootMargin: margin },
      )
      observer.observe(element)
    },
    { immediate: true, flush: 'post' },
  )
  onBeforeUnmount(stop)
  return seen
}
