import { afterEach, describe, expect, it } from 'vitest'
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks'
import { useAppStore } from '@/stores/app'
import type { StoreStatus } from '@/generated/StoreStatus'
import { byTestId, click, mountPage, toasts } from './specHelpers'
import FirstRunDialog from './FirstRunDialog.vue'

const status = (empty: boolean): StoreStatus => ({
  path: '/home/dangban/.local/share/dangjian/dangjian.db',
  log_dir: '/home/dangban/.local/share/dangjian/logs',
  counts: { branches: 0, members: 0, meetings: 0 },
  empty,
  committee: { hospital_name: '', committee_name: '' },
  encrypted: false,
})

/** The open dialogs' text (Element Plus puts dialogs at the end of <body>). */
const dialogText = () => [...document.querySelectorAll('.el-dialog')].map((d) => d.textContent).join('\n')

afterEach(() => {
  clearMocks()
  document.body.innerHTML = ''
})

describe('FirstRunDialog', () => {
  it('offers the demo hospital when the database is empty, and opens its own file on request', async () => {
    const calls: string[] = []
    mockIPC((cmd) => {
      calls.push(cmd)
      if (cmd === 'app_status') return status(true)
      if (cmd === 'demo_open') return { ...status(false), path: '/home/dangban/.local/share/dangjian/演示数据.db' }
      throw { code: 'internal', message: `unexpected command ${cmd}` }
    })
    const wrapper = await mountPage(FirstRunDialog)
    const app = useAppStore()
    const before = app.dataVersion

    expect(dialogText(), 'an empty database should be greeted').toContain('欢迎使用党建台账')
    await click(byTestId('first-run-demo'))

    expect(calls, 'choosing the demo should open its file').toContain('demo_open')
    expect(app.dataVersion, 'the pages should be told to reload').toBe(before + 1)
    expect(toasts().join(), 'the user should be told the demo is in').toContain('已打开示范医院数据')
    wrapper.unmount()
  })

  it('says nothing when the database already holds data', async () => {
    mockIPC((cmd) => (cmd === 'app_status' ? status(false) : null))
    await mountPage(FirstRunDialog)

    expect(dialogText(), 'no welcome for a database in use').not.toContain('欢迎使用党建台账')
  })

  it('closes without loading anything when the user starts blank', async () => {
    const calls: string[] = []
    mockIPC((cmd) => {
      calls.push(cmd)
      return cmd === 'app_status' ? status(true) : null
    })
    await mountPage(FirstRunDialog)

    await click(byTestId('first-run-blank'))
    expect(calls, 'starting blank should not open the demo').not.toContain('demo_open')
  })

  it('shows why when the database cannot be opened', async () => {
    mockIPC(() => {
      throw { code: 'database_too_new', message: '数据库文件由更新版本的党建台账创建，请升级本程序后再打开' }
    })
    await mountPage(FirstRunDialog)

    expect(dialogText(), 'the opening error should be shown as the server worded it').toContain(
      '数据库文件由更新版本的党建台账创建',
    )
  })

  it('leaves an encrypted database to the passphrase question, neither greeting nor calling it broken', async () => {
    mockIPC(() => {
      throw { code: 'passphrase', message: '数据库文件 /home/dangban/dangjian.db 已加密，请输入密码' }
    })
    await mountPage(FirstRunDialog)

    expect(dialogText(), 'a locked database is not an error').not.toContain('无法打开数据库')
    expect(dialogText()).not.toContain('欢迎使用党建台账')
  })
})
