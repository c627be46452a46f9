import type { App } from 'vue'

let configured: Promise<void> | null = null

/**
 * Sets Element Plus up for the whole app: its own texts (date pickers,
 * pagination, empty states, message boxes) in Chinese. Its configuration brings
 * utilities the frame does not draw with, so it is not in the start-up bundle:
 * it loads while the frame is drawn, and whatever draws with Element Plus waits
 * for it (`elementPlusConfigured`, `afterElementPlus`).
 */
export function configureElementPlus(app: App): Promise<void> {
  configured = Promise.all([
    import('element-plus/es/components/config-provider/index.mjs'),
    import('element-plus/es/locale/lang/zh-cn'),
  ])
    .then(([{ provideGlobalConfig }, { default: zhCn }]) => {
      provideGlobalConfig({ locale: zhCn }, app, true)
    })
    // The chunks are in the app itself, so this should never happen; if it did, the
    // app would carry on with Element Plus's texts in English rather than not at all.
    .catch((reason: unknown) => console.error('Element Plus set-up failed', reason))
  return configured
}

/** Resolves once `configureElementPlus` has run; at once where it never does (component tests install Element Plus themselves). */
export function elementPlusConfigured(): Promise<void> {
  return configured ?? Promise.resolve()
}

/** Wraps the loader of a component drawn outside the router so it resolves only once Element Plus is set up. */
export function afterElementPlus<T>(load: () => Promise<T>): () => Promise<T> {
  return () => elementPlusConfigured().then(load)
}
