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
    const labels = wrapper.findAll('.app-nav .app-nav__item').map((item) => item.text())
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
    expect(wrapper.find('.app-nav .app-nav__item.is-active').text(), 'the current section should be highlighted').toBe(
      '报表',
    )
  })

  it('draws the frame at once, with a skeleton where the first page goes until it has loaded', async () => {
    const calls = fakeCore({
      app_status: () => ({ path: '/tmp/dangjian.db', log_dir: '/tmp/logs', empty: false, counts: { branches: 1, members: 2, meetings: 0 }, committee: { hospital_name: '', committee_name: '' } }),
      overview: () => new Promise(() => {}),
    })
    const router = createAppRouter(createMemoryHistory())
    void router.push('/')
    const wrapper = mount(App, { global: { plugins: [router, createPinia(), ElementPlus] } })

    expect(wrapper.findAll('.app-nav .app-nav__item'), 'the navigation is drawn before any page').toHaveLength(13)
    expect(wrapper.find('[data-testid="page-skeleton"]').exists(), 'a skeleton stands in for the page').toBe(true)
    expect(calls.map((c) => c.cmd), 'the page’s data is not asked for before the page is there').not.toContain('overview')

    await router.isReady()
    await settle()
    expect(wrapper.find('[data-testid="page-skeleton"]').exists(), 'the page replaces the skeleton').toBe(false)
    expect(wrapper.find('.app-main .page-title').text()).toBe('概览')
  })
})
