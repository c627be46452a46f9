// The desktop window's import events: progress of a preview or an import, and
// files dragged onto the window. Outside Tauri (a plain browser) there are
// none, and the import page works without them.
import { listen, type UnlistenFn } from '@tauri-apps/api/event'
import { getCurrentWebview } from '@tauri-apps/api/webview'
import type { ImportProgress } from '@/generated/ImportProgress'

export interface ImportWindowHandlers {
  /** A step of the running preview or import. */
  progress: (progress: ImportProgress) => void
  /** Whether a file is being dragged over the window. */
  dragging: (over: boolean) => void
  /** Files dropped onto the window. */
  dropped: (paths: string[]) => void
}

/**
 * Listens to the window for the import page; resolves to the function that
 * stops listening. Never rejects: without the window there is nothing to stop.
 */
export async function listenToWindow(handlers: ImportWindowHandlers): Promise<() => void> {
  if (!('__TAURI_INTERNALS__' in window)) return () => {}
  const stops: UnlistenFn[] = []
  try {
    stops.push(await listen<ImportProgress>('import-progress', (event) => handlers.progress(event.payload)))
    stops.push(
      await getCurrentWebview().onDragDropEvent(({ payload }) => {
        handlers.dragging(payload.type === 'enter' || payload.type === 'over')
        if (payload.type === 'drop') handlers.dropped(payload.paths)
      }),
    )
  } catch (reason) {
    console.warn('导入：无法监听导入进度或拖放的文件', reason)
  }
  return () => stops.splice(0).forEach((stop) => stop())
}
