import { afterEach, describe, expect, it, vi } from 'vitest'
import { mount, type VueWrapper } from '@vue/test-utils'
import { createMemoryHistory } from 'vue-router'
import { createPinia } from 'pinia'
import { clearMocks } from '@tauri-apps/api/mocks'
import ElementPlus from 'element-plus'
import type { StoreStatus } from '@/generated/StoreStatus'
import { useAppStore } from '@/stores/app'
import App from './App.vue'
import { createAppRouter } from './router'
import { byTestId, fakeCore, settle, type IpcHandler } from './components/specHelpers'

/** The apps mounted by the test running, unmounted after it. */
const mounted: VueWrapper[] = []

async function mountAt(path: string) {
  const router = createAppRouter(createMemoryHistory())
  await router.push(path)
  await router.isReady()
  const wrapper = mount(App, { global: { plugins: [router, createPinia(), ElementPlus] }, attachTo: document.body })
  mounted.push(wrapper)
  return { router, wrapper }
}

afterEach(() => {
  mounted.splice(0).forEach((wrapper) => wrapper.unmount())
  clearMocks()
  document.body.innerHTML = ''
})

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

const FILE = '/home/dangban/.local/share/dangjian/dangjian.db'

const status = (empty: boolean): StoreStatus => ({
  path: FILE,
  log_dir: '/home/dangban/.local/share/dangjian/logs',
  counts: empty ? { branches: 0, members: 0, meetings: 0 } : { branches: 1, members: 2, meetings: 0 },
  empty,
  committee: { hospital_name: '', committee_name: '' },
  encrypted: false,
})

/** Starts the app on the reports page (whose data the fake core gives) with the database `app_status` describes; returns the core's calls and the app. */
async function startWith(appStatus: IpcHandler) {
  const calls = fakeCore({ app_status: appStatus, app_today: () => '2026-05-20', branch_list: () => [] })
  const { wrapper } = await mountAt('/reports')
  await settle()
  await settle()
  return { calls, wrapper }
}

/** Whether a dialog with this data-testid is on screen (a closed el-dialog stays in the page, hidden). */
const shown = (testId: string) => {
  const dialog = document.querySelector<HTMLElement>(`[data-testid="${testId}"]`)
  return !!dialog && dialog.closest<HTMLElement>('.el-overlay')?.style.display !== 'none'
}

/** Waits until the dialog with this data-testid, loaded on demand, is on screen. */
const appears = (testId: string) => vi.waitFor(() => expect(shown(testId), `${testId} should open`).toBe(true))

const statusCalls = (calls: { cmd: string }[]) => calls.filter((c) => c.cmd === 'app_status').length

describe('App frame: the database check at start', () => {
  it('asks the core once, and draws no dialog for a database in use', async () => {
    // Both dialogs' modules loaded beforehand: a dialog the frame did mount would be drawn by now.
    await Promise.all([import('./components/FirstRunDialog.vue'), import('./components/UnlockDialog.vue')])
    const { calls, wrapper } = await startWith(() => status(false))

    expect(statusCalls(calls), 'one status call serves every dialog').toBe(1)
    expect(byTestId('first-run-checked').dataset.offered, 'the check has answered, offering nothing').toBe('false')
    for (const dialog of ['FirstRunDialog', 'UnlockDialog'])
      expect(wrapper.findAllComponents({ name: dialog }), `${dialog} is not even loaded`).toHaveLength(0)
  })

  it('offers the demo hospital when the database is empty', async () => {
    const { calls } = await startWith(() => status(true))

    expect(statusCalls(calls)).toBe(1)
    expect(byTestId('first-run-checked').dataset.offered).toBe('true')
    await appears('first-run-dialog')
    expect(shown('unlock-dialog')).toBe(false)
  })

  it('asks for the passphrase of an encrypted database, neither greeting nor calling it broken', async () => {
    await startWith(() => {
      throw { code: 'passphrase', message: `数据库文件 ${FILE} 已加密，请输入密码` }
    })

    await appears('unlock-dialog')
    expect(byTestId('unlock-why').textContent, 'in the core’s words, which name the file').toContain(FILE)
    expect(shown('first-run-dialog'), 'a locked database is not greeted').toBe(false)
    expect(shown('database-error-dialog'), 'a locked database is not an error').toBe(false)
  })

  it('says why when the database cannot be opened', async () => {
    await startWith(() => {
      throw { code: 'database_too_new', message: '数据库文件由更新版本的党建台账创建，请升级本程序后再打开' }
    })

    await appears('database-error-dialog')
    expect(byTestId('database-error-dialog').textContent, 'as the core worded it').toContain('由更新版本的党建台账创建')
    expect(shown('first-run-dialog')).toBe(false)
    expect(shown('unlock-dialog')).toBe(false)
  })

  it('asks for the passphrase when the database is locked while the app runs', async () => {
    let locked = false
    const { calls } = await startWith(() => {
      if (locked) throw { code: 'passphrase', message: `数据库 ${FILE} 已锁定，请输入密码` }
      return status(false)
    })
    expect(shown('unlock-dialog'), 'open at first').toBe(false)

    locked = true
    useAppStore().dataReplaced()
    await appears('unlock-dialog')
    expect(statusCalls(calls), 'every reload of the whole database is checked').toBe(2)
    expect(byTestId('unlock-why').textContent).toContain('已锁定')
  })
})
