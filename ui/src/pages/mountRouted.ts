// For the component tests of pages that read the route or navigate: mounts a
// page as specHelpers' mountPage does, plus a memory router whose every path
// resolves, so a test can read where a click led (router.currentRoute).
import { mount } from '@vue/test-utils'
import { createPinia } from 'pinia'
import ElementPlus from 'element-plus'
import zhCn from 'element-plus/es/locale/lang/zh-cn'
import type { Component } from 'vue'
import { createMemoryHistory, createRouter } from 'vue-router'
import { settle } from '@/components/specHelpers'

/** Mounts `component` as the page at `path` (which may carry a query). */
export async function mountRouted(component: Component, path = '/') {
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [{ path: '/:rest(.*)*', component: { render: () => null } }],
  })
  await router.push(path)
  await router.isReady()
  const wrapper = mount(component, {
    global: { plugins: [[ElementPlus, { locale: zhCn }], createPinia(), router] },
    attachTo: document.body,
  })
  await settle()
  return { wrapper, router }
}
