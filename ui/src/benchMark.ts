import { invoke } from '@tauri-apps/api/core'

/**
 * Tells the app the page has painted, for the start-up benchmark
 * (scripts/bench-startup.sh; the app logs it only when DANGJIAN_BENCH is set).
 * A requestAnimationFrame callback runs just before a frame is painted, so the
 * second one runs once the first frame showing the mounted page is on screen.
 */
export function markPainted() {
  requestAnimationFrame(() => requestAnimationFrame(() => void invoke('bench_mark')))
}
