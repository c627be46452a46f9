import { describe, expect, it } from 'vitest'
import { mount } from '@vue/test-utils'
import { createMemoryHistory } from 'vue-router'
import { createPinia } from 'pinia'
import ElementPlus from 'element-plus'
import App from './App.vue'
import { createAppRouter } from './router'
import { fakeCore, settle } from './components/specHelpers'

async function mountAt(path: string) {
  const router = createAppRouter(createMemoryHistory())
  await router.push(path)
  await router.isReady()
  const wrapper = mount(App, { global: { plugins: [router, createPinia(), ElementPlus] } })
  return { router, wrapper }
}

describe('App frame', () => {
  it('lists the thirteen sections in the left navigation, in order', async () => {
    const { wrapper } = await mountAt('/')
    const labels = wrapper.findAll('.app-nav .el-menu-item').map((item) => item.text())
    expect(labels, 'the navigation should show every section once, in the agreed order').toEqual([
      '概览',
      '支部',
      '党员',
      '组织生活',
      '完成情况',
      '品牌与活动',
      '志愿服务',
      '联建共建',
      '荣誉',
      '意见建议',
      '导入',
      '报表',
      '设置',
    ])
  })

  it('opens a section lazily, under its own title, with its entry highlighted', async () => {
    fakeCore({ app_today: () => '2026-05-20', branch_list: () => [] })
    const { wrapper } = await mountAt('/reports')
    await settle()
    expect(wrapper.find('.app-main .page-title').text(), 'the page heading should be the section name').toBe('报表')
    expect(wrapper.find('.app-nav .el-menu-item.is-active').text(), 'the current section should be highlighted').toBe(
      '报表',
    )
  })
})
