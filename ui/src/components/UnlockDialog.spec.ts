import { afterEach, describe, expect, it } from 'vitest'
import { clearMocks } from '@tauri-apps/api/mocks'
import type { StoreStatus } from '@/generated/StoreStatus'
import { useAppStore } from '@/stores/app'
import { byTestId, click, fakeCore, lastCall, mountPage, settle, type } from './specHelpers'
import UnlockDialog from './UnlockDialog.vue'

const FILE = '/home/dangban/.local/share/dangjian/dangjian.db'
const WHY = `数据库文件 ${FILE} 已加密，请输入密码`

const status: StoreStatus = {
  path: FILE,
  log_dir: '/home/dangban/.local/share/dangjian/logs',
  counts: { branches: 1, members: 2, meetings: 0 },
  empty: false,
  committee: { hospital_name: '', committee_name: '' },
  encrypted: true,
}

/** A fake core whose database opens with `passphrase` only. */
function lockedCore(passphrase: string) {
  return fakeCore({
    database_unlock: (args) => {
      if (args.passphrase !== passphrase) throw { code: 'passphrase', message: '密码不正确，请重新输入' }
      return status
    },
  })
}

/** Whether the unlock dialog is on screen (a closed el-dialog stays in the page, hidden). */
const dialogShown = () => {
  const dialog = document.querySelector<HTMLElement>('[data-testid="unlock-dialog"]')
  return !!dialog && dialog.closest<HTMLElement>('.el-overlay')?.style.display !== 'none'
}

const passphraseInput = () => byTestId<HTMLInputElement>('unlock-passphrase')

afterEach(() => {
  clearMocks()
  document.body.innerHTML = ''
})

describe('UnlockDialog', () => {
  it('asks for the passphrase of an encrypted database, cannot be dismissed, and keeps asking after a wrong one', async () => {
    const calls = lockedCore('正确的密码')
    await mountPage(UnlockDialog, { why: WHY })

    expect(dialogShown(), 'a locked database should be asked for its passphrase').toBe(true)
    expect(byTestId('unlock-dialog').textContent).toContain('数据库已加密')
    expect(byTestId('unlock-why').textContent, 'the core’s words name the file').toContain(FILE)
    expect(document.querySelector('[data-testid="unlock-dialog"] .el-dialog__headerbtn'), 'no close button').toBeNull()
    expect(byTestId('unlock-submit').hasAttribute('disabled'), 'nothing to send yet').toBe(true)

    await type(passphraseInput(), '猜的密码')
    await click(byTestId('unlock-submit'))
    expect(lastCall(calls, 'database_unlock')).toEqual({ passphrase: '猜的密码' })
    expect(byTestId('unlock-error').textContent, 'the refusal is shown in the dialog').toContain('密码不正确')
    expect(dialogShown(), 'a wrong passphrase keeps the dialog').toBe(true)
    expect(passphraseInput().value, 'and is cleared for the next try').toBe('')
  })

  it('closes on the right passphrase, sent with Enter, and has every page reload', async () => {
    const calls = lockedCore('正确的密码')
    await mountPage(UnlockDialog, { why: WHY })
    const app = useAppStore()
    const before = app.dataVersion

    await type(passphraseInput(), '正确的密码')
    passphraseInput().dispatchEvent(new KeyboardEvent('keyup', { key: 'Enter', bubbles: true }))
    await settle()
    // The dialog fades out before it is hidden.
    await new Promise((resolve) => setTimeout(resolve, 350))

    expect(lastCall(calls, 'database_unlock')).toEqual({ passphrase: '正确的密码' })
    expect(dialogShown(), 'the dialog closes once the database is open').toBe(false)
    expect(app.dataVersion, 'every page reloads').toBe(before + 1)
  })
})
