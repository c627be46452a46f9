import { afterEach, describe, expect, it } from 'vitest'
import { clearMocks } from '@tauri-apps/api/mocks'
import type { StoreStatus } from '@/generated/StoreStatus'
import { useAppStore } from '@/stores/app'
import { byTestId, click, fakeCore, lastCall, mountPage, toasts } from '../specHelpers'
import DatabaseCard from './DatabaseCard.vue'

const DEFAULT = '/home/dangban/.local/share/dangjian/dangjian.db'
const DEMO = '/home/dangban/.local/share/dangjian/演示数据.db'

const status = (path: string): StoreStatus => ({
  path,
  log_dir: '/home/dangban/.local/share/dangjian/logs',
  counts: { branches: 1, members: 2, meetings: 0 },
  empty: false,
  committee: { hospital_name: '', committee_name: '' },
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
    expect(lastCall(calls, 'database_open')).toEqual({ file: DEFAULT })
    expect(byTestId('settings-db-path').textContent).toBe(DEFAULT)
  })

  it('opens a chosen file, and keeps the one in use when the core refuses it', async () => {
    const calls = backend(DEFAULT, ['/mnt/u/分院.db', '/mnt/u/坏的.db'])
    await mountPage(DatabaseCard)

    await click(byTestId('database-open'))
    expect(lastCall(calls, 'database_open')).toEqual({ file: '/mnt/u/分院.db' })
    expect(byTestId('settings-db-path').textContent).toBe('/mnt/u/分院.db')

    const app = useAppStore()
    const before = app.dataVersion
    await click(byTestId('database-open'))
    expect(toasts().join(), 'the refusal is shown').toContain('不是党建台账的数据库')
    expect(byTestId('settings-db-path').textContent, 'the file in use stays').toBe('/mnt/u/分院.db')
    expect(app.dataVersion, 'nothing to reload').toBe(before)
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
