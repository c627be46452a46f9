import { afterEach, describe, expect, it } from 'vitest'
import { clearMocks } from '@tauri-apps/api/mocks'
import type { StoreStatus } from '@/generated/StoreStatus'
import { useAppStore } from '@/stores/app'
import {
  answerNewestMessageBox,
  button,
  byTestId,
  click,
  el,
  fakeCore,
  lastCall,
  mountPage,
  toasts,
  type,
} from '../specHelpers'
import DatabaseCard from './DatabaseCard.vue'

const DEFAULT = '/home/dangban/.local/share/dangjian/dangjian.db'
const DEMO = '/home/dangban/.local/share/dangjian/演示数据.db'
/** An encrypted file, whose passphrase is 分院的密码. */
const LOCKED = '/mnt/u/加密的分院.db'

const status = (path: string): StoreStatus => ({
  path,
  log_dir: '/home/dangban/.local/share/dangjian/logs',
  counts: { branches: 1, members: 2, meetings: 0 },
  empty: false,
  committee: { hospital_name: '', committee_name: '' },
  encrypted: false,
})

/** A fake core on `path`, whose dialogs answer `chosen` in turn. */
function backend(path: string, chosen: (string | null)[] = []) {
  let current = path
  const switched = (to: string) => {
    current = to
    return status(to)
  }
  return fakeCore({
    app_status: () => status(current),
    database_places: () => ({ default: DEFAULT, demo: DEMO }),
    database_open: (args) => {
      if (args.file === '/mnt/u/坏的.db') throw { code: 'invalid', message: '该文件不是党建台账的数据库' }
      if (args.file === LOCKED && args.passphrase !== '分院的密码') {
        throw { code: 'passphrase', message: args.passphrase ? '密码不正确，请重新输入' : `${LOCKED} 已加密，需要密码` }
      }
      return switched(args.file as string)
    },
    database_create: (args) => switched(args.file as string),
    database_from_json: (args) => switched(args.file as string),
    demo_open: () => switched(DEMO),
    'plugin:dialog|open': () => chosen.shift() ?? null,
    'plugin:dialog|save': () => chosen.shift() ?? null,
  })
}

afterEach(() => {
  clearMocks()
  document.body.innerHTML = ''
})

describe('DatabaseCard', () => {
  it('opens the demo in its own file, marks it, and goes back to the default file', async () => {
    const calls = backend(DEFAULT)
    await mountPage(DatabaseCard)
    const app = useAppStore()
    const before = app.dataVersion
    expect(byTestId('settings-db-path').textContent).toBe(DEFAULT)
    expect(document.querySelector('[data-testid="database-default"]'), 'already on the default file').toBeNull()

    await click(byTestId('database-demo'))
    expect(calls.map((c) => c.cmd)).toContain('demo_open')
    expect(byTestId('settings-db-path').textContent).toBe(DEMO)
    expect(byTestId('settings-db-demo').textContent, 'the demo file is marked').toContain('示范数据')
    expect(app.dataVersion, 'every page reloads').toBe(before + 1)

    await click(byTestId('database-default'))
    expect(lastCall(calls, 'database_open')).toEqual({ file: DEFAULT, passphrase: null })
    expect(byTestId('settings-db-path').textContent).toBe(DEFAULT)
  })

  it('opens a chosen file, and keeps the one in use when the core refuses it', async () => {
    const calls = backend(DEFAULT, ['/mnt/u/分院.db', '/mnt/u/坏的.db'])
    await mountPage(DatabaseCard)

    await click(byTestId('database-open'))
    expect(lastCall(calls, 'database_open')).toEqual({ file: '/mnt/u/分院.db', passphrase: null })
    expect(byTestId('settings-db-path').textContent).toBe('/mnt/u/分院.db')

    const app = useAppStore()
    const before = app.dataVersion
    await click(byTestId('database-open'))
    expect(toasts().join(), 'the refusal is shown').toContain('不是党建台账的数据库')
    expect(byTestId('settings-db-path').textContent, 'the file in use stays').toBe('/mnt/u/分院.db')
    expect(app.dataVersion, 'nothing to reload').toBe(before)
  })

  it('asks for the passphrase of an encrypted file until it opens, and keeps the file in use when cancelled', async () => {
    const calls = backend(DEFAULT, [LOCKED, LOCKED])
    await mountPage(DatabaseCard)
    const app = useAppStore()
    const before = app.dataVersion

    await click(byTestId('database-open'))
    const box = [...document.querySelectorAll('.el-message-box')].at(-1) as HTMLElement
    expect(box.textContent, 'the question is titled and names the file').toContain('数据库已加密')
    expect(box.textContent).toContain(LOCKED)
    const input = el<HTMLInputElement>('input', box)
    expect(input.type, 'the passphrase is not shown').toBe('password')

    await type(input, '猜的密码')
    await click(button('打开', box))
    expect(lastCall(calls, 'database_open')).toEqual({ file: LOCKED, passphrase: '猜的密码' })
    expect(box.textContent, 'a wrong passphrase is said in the question, to try again').toContain('密码不正确')
    expect(byTestId('settings-db-path').textContent, 'the file in use stays meanwhile').toBe(DEFAULT)

    await type(input, '分院的密码')
    await answerNewestMessageBox('打开')
    expect(lastCall(calls, 'database_open')).toEqual({ file: LOCKED, passphrase: '分院的密码' })
    expect(byTestId('settings-db-path').textContent).toBe(LOCKED)
    expect(app.dataVersion, 'every page reloads').toBe(before + 1)

    await click(byTestId('database-default'))
    await click(byTestId('database-open'))
    await answerNewestMessageBox('取消')
    expect(byTestId('settings-db-path').textContent, 'cancelling keeps the file in use').toBe(DEFAULT)
    expect(app.dataVersion, 'nothing more to reload').toBe(before + 2)
    expect(toasts().join(), 'cancelling is no error').not.toContain('需要密码')
  })

  it('creates a new file, adding .db to a name typed without it, and one from a JSON backup', async () => {
    const calls = backend(DEFAULT, ['/home/dangban/新台账', '/home/dangban/备份.json', '/home/dangban/从备份.db'])
    await mountPage(DatabaseCard)

    await click(byTestId('database-create'))
    expect(lastCall(calls, 'database_create')).toEqual({ file: '/home/dangban/新台账.db' })

    await click(byTestId('database-from-json'))
    expect(lastCall(calls, 'database_from_json')).toEqual({
      json: '/home/dangban/备份.json',
      file: '/home/dangban/从备份.db',
    })
    expect(byTestId('settings-db-path').textContent).toBe('/home/dangban/从备份.db')
  })

  it('does nothing when a file dialog is cancelled', async () => {
    const calls = backend(DEFAULT, [])
    await mountPage(DatabaseCard)
    await click(byTestId('database-open'))
    await click(byTestId('database-create'))
    const switches = calls.filter((c) => c.cmd.startsWith('database_') && c.cmd !== 'database_places')
    expect(switches).toEqual([])
  })
})
