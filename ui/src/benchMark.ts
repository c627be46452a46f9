import { invoke } from '@tauri-apps/api/core'

/** Tells the app that `event` happened `agoMs` milliseconds ago. */
function mark(event: string, agoMs: number) {
  void invoke('bench_mark', { event, agoMs })
}

/**
 * Reports the page's first paint to the app, for the start-up benchmark
 * (scripts/bench-startup.sh; the app prints it only when DANGJIAN_BENCH is set),
 * in two ways:
 * - `first-contentful-paint`: when the browser itself recorded painting the first
 *   text (the Paint Timing API), and how long ago that was, so that what the page
 *   does after painting does not count;
 * - `second-frame`: when the frame after the first one begins (two nested
 *   requestAnimationFrame callbacks), which comes later the longer the page keeps
 *   the main thread busy after its first paint.
 */
export function markPainted() {
  new PerformanceObserver((entries, observer) => {
    const paint = entries.getEntriesByName('first-contentful-paint')[0]
    if (!paint) return
    observer.disconnect()
    mark('first-contentful-paint', performance.now() - paint.startTime)
  }).observe({ type: 'paint', buffered: true })
  requestAnimationFrame(() => requestAnimationFrame(() => mark('second-frame', 0)))
}
