import { afterEach, describe, expect, it } from 'vitest'
import { clearMocks } from '@tauri-apps/api/mocks'
import { useAppStore } from '@/stores/app'
import type { StoreStatus } from '@/generated/StoreStatus'
import { byTestId, click, fakeCore, mountPage, toasts } from './specHelpers'
import FirstRunDialog from './FirstRunDialog.vue'

const demoStatus: StoreStatus = {
  path: '/home/dangban/.local/share/dangjian/演示数据.db',
  log_dir: '/home/dangban/.local/share/dangjian/logs',
  counts: { branches: 10, members: 150, meetings: 900 },
  empty: false,
  committee: { hospital_name: '', committee_name: '' },
  encrypted: false,
}

/** The open dialogs' text (Element Plus puts dialogs at the end of <body>). */
const dialogText = () => [...document.querySelectorAll('.el-dialog')].map((d) => d.textContent).join('\n')

afterEach(() => {
  clearMocks()
  document.body.innerHTML = ''
})

describe('FirstRunDialog', () => {
  it('offers the demo hospital for an empty database, and opens its own file on request', async () => {
    const calls = fakeCore({ demo_open: () => demoStatus })
    const wrapper = await mountPage(FirstRunDialog, { offered: true, failure: null })
    const app = useAppStore()
    const before = app.dataVersion

    expect(dialogText(), 'an empty database should be greeted').toContain('欢迎使用党建台账')
    expect(dialogText(), 'an empty database is not broken').not.toContain('无法打开数据库')
    await click(byTestId('first-run-demo'))

    expect(calls.map((c) => c.cmd), 'choosing the demo should open its file, and nothing else').toEqual(['demo_open'])
    expect(app.dataVersion, 'the pages should be told to reload').toBe(before + 1)
    expect(toasts().join(), 'the user should be told the demo is in').toContain('已打开示范医院数据')
    wrapper.unmount()
  })

  it('shows why the demo could not be opened, and stays open for another try', async () => {
    fakeCore({
      demo_open: () => {
        throw { code: 'io', message: '无法写入示范数据库文件：磁盘已满' }
      },
    })
    await mountPage(FirstRunDialog, { offered: true, failure: null })

    await click(byTestId('first-run-demo'))
    expect(byTestId('first-run-error').textContent, 'the core’s words should be shown').toContain('磁盘已满')
    expect(dialogText(), 'the offer should stay').toContain('欢迎使用党建台账')
  })

  it('closes without loading anything when the user starts blank', async () => {
    const calls = fakeCore({})
    await mountPage(FirstRunDialog, { offered: true, failure: null })

    await click(byTestId('first-run-blank'))
    expect(calls, 'starting blank should ask the core for nothing').toEqual([])
  })

  it('shows why when the database cannot be opened, without offering the demo', async () => {
    fakeCore({})
    await mountPage(FirstRunDialog, {
      offered: false,
      failure: { code: 'database_too_new', message: '数据库文件由更新版本的党建台账创建，请升级本程序后再打开' },
    })

    expect(dialogText(), 'the opening error should be shown as the core worded it').toContain(
      '数据库文件由更新版本的党建台账创建',
    )
    expect(dialogText()).not.toContain('欢迎使用党建台账')
  })
})
