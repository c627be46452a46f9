import { afterEach, describe, expect, it, vi } from 'vitest'
import { createApp, h, nextTick, ref, type App } from 'vue'

/** A fresh copy of the module (whether it has configured anything is module state), and of Element Plus to go with it. */
async function freshModule() {
  vi.resetModules()
  return import('./elementPlus')
}

let app: App | null = null

afterEach(() => {
  app?.unmount()
  app = null
  document.body.innerHTML = ''
})

describe('Element Plus set up for the whole app', () => {
  it('gives its own texts in Chinese to what is drawn after it is configured, as main.ts mounts first', async () => {
    const { configureElementPlus } = await freshModule()
    const { ElEmpty } = await import('element-plus')
    const configured = ref(false)
    app = createApp({ render: () => (configured.value ? h(ElEmpty) : h('p', '框架')) })
    const root = document.createElement('div')
    document.body.append(root)
    app.mount(root)
    await configureElementPlus(app)
    configured.value = true
    await nextTick()
    expect(root.textContent, 'an empty state should read 暂无数据, not No Data').toContain('暂无数据')
  })

  it('gives message boxes, drawn outside any app, their texts in Chinese too', async () => {
    const { configureElementPlus } = await freshModule()
    const { ElMessageBox } = await import('element-plus')
    await configureElementPlus(createApp({ render: () => null }))
    void ElMessageBox.alert('已保存', '提示').catch(() => undefined)
    await vi.waitFor(() => expect(document.querySelector('.el-message-box')).not.toBeNull())
    expect(document.querySelector('.el-message-box__btns')?.textContent, 'its button should read 确定, not OK').toContain(
      '确定',
    )
  })

  it('loads what waits for it only once it is configured', async () => {
    const { configureElementPlus, afterElementPlus } = await freshModule()
    const order: string[] = []
    const configured = configureElementPlus(createApp({ render: () => null })).then(() => order.push('configured'))
    const load = afterElementPlus(async () => order.push('loaded'))
    await Promise.all([configured, load()])
    expect(order).toEqual(['configured', 'loaded'])
  })

  it('lets loads through at once where it is never configured (component tests)', async () => {
    const { afterElementPlus, elementPlusConfigured } = await freshModule()
    await expect(elementPlusConfigured()).resolves.toBeUndefined()
    await expect(afterElementPlus(async () => 'loaded')()).resolves.toBe('loaded')
  })
})
