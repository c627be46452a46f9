import { invoke } from '@tauri-apps/api/core'

/** Tells the app that `event` happened at `highResTime` (a `performance.now()` reading), as wall-clock time. */
function mark(event: string, highResTime: number) {
  void invoke('bench_mark', { event, atMs: performance.timeOrigin + highResTime })
}

/**
 * Reports the page's first paint to the app, for the start-up benchmark
 * (scripts/bench_startup.py; the app prints it only when DANGJIAN_BENCH is set),
 * in two ways, each with the time it happened rather than the time of the report,
 * so that neither what the page does next nor the call itself counts:
 * - `first-contentful-paint`: when the browser itself recorded painting the first
 *   text (the Paint Timing API);
 * - `second-frame`: when the frame after the first one begins (two nested
 *   requestAnimationFrame callbacks), which comes later the longer the page keeps
 *   the main thread busy after its first paint.
 */
export function markPainted() {
  new PerformanceObserver((entries, observer) => {
    const paint = entries.getEntriesByName('first-contentful-paint')[0]
    if (!paint) return
    observer.disconnect()
    mark('first-contentful-paint', paint.startTime)
  }).observe({ type: 'paint', buffered: true })
  requestAnimationFrame(() => requestAnimationFrame(() => mark('second-frame', performance.now())))
}
