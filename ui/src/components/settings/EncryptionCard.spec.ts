import { afterEach, describe, expect, it } from 'vitest'
import { clearMocks } from '@tauri-apps/api/mocks'
import type { StoreStatus } from '@/generated/StoreStatus'
import { useAppStore } from '@/stores/app'
import {
  answerNewestMessageBox,
  byTestId,
  click,
  el,
  fakeCore,
  lastCall,
  mountPage,
  settle,
  toasts,
  type,
} from '../specHelpers'
import EncryptionCard from './EncryptionCard.vue'

const status = (encrypted: boolean): StoreStatus => ({
  path: 'D:\\党办\\dangjian.db',
  log_dir: 'D:\\党办\\logs',
  counts: { branches: 9, members: 148, meetings: 320 },
  empty: false,
  committee: { hospital_name: '', committee_name: '' },
  encrypted,
})

/**
 * A fake core whose database is encrypted with `passphrase` (not at all when
 * null); like the real one, it refuses a wrong current passphrase and one of
 * fewer than 8 characters.
 */
function backend(passphrase: string | null) {
  let current = passphrase
  return fakeCore({
    app_status: () => status(current !== null),
    database_lock: () => {
      if (current === null) throw { code: 'invalid', message: '数据库没有加密，无法锁定；请先设置密码' }
      return null
    },
    database_passphrase: (args) => {
      if (args.current !== current) throw { code: 'passphrase', message: '当前密码不正确' }
      const next = args.new as string | null
      if (next !== null && next.length < 8) throw { code: 'invalid', message: '密码至少要 8 个字符' }
      current = next
      return {
        encrypted: next !== null,
        backups: 12,
        summary: next === null ? '已移除密码；12 份备份已解密' : '已设置密码；12 份备份已用新密码重新加密',
      }
    },
  })
}

const field = (id: string) => byTestId<HTMLInputElement>(`encryption-${id}`)
const disabled = (id: string) => field(id).hasAttribute('disabled')
const tick = () => click(el('input', byTestId('encryption-aware')))
/** The card's text once a field's error has had time to show (Element Plus shows it 100 ms after it arises). */
async function cardText() {
  await new Promise((resolve) => setTimeout(resolve, 150))
  await settle()
  return byTestId('encryption-card').textContent
}

afterEach(() => {
  clearMocks()
  document.body.innerHTML = ''
})

describe('EncryptionCard', () => {
  it('sets a passphrase once it is typed twice alike and the warning is acknowledged', async () => {
    const calls = backend(null)
    await mountPage(EncryptionCard)
    const app = useAppStore()
    const before = app.dataVersion
    expect(field('state').textContent).toBe('未加密')
    expect(document.querySelector('[data-testid="encryption-current"]'), 'no current passphrase to ask for').toBeNull()

    await type(field('new'), '党建台账2026')
    await type(field('again'), '党建台账2025')
    expect(await cardText(), 'the difference is pointed out').toContain('两次输入的密码不一致')
    await tick()
    expect(disabled('set'), 'the two entries differ').toBe(true)

    await type(field('again'), '党建台账2026')
    expect(await cardText()).not.toContain('两次输入的密码不一致')
    await tick()
    expect(disabled('set'), 'the warning is no longer acknowledged').toBe(true)
    await tick()
    expect(disabled('set')).toBe(false)

    await click(field('set'))
    expect(lastCall(calls, 'database_passphrase')).toEqual({ current: null, new: '党建台账2026' })
    expect(toasts().join(), 'the core’s summary is shown').toContain('12 份备份已用新密码重新加密')
    expect(field('state').textContent, 'the card reloads').toBe('已加密')
    expect(field('new').value, 'the fields are cleared').toBe('')
    expect(app.dataVersion, 'every page reloads').toBe(before + 1)
  })

  it('changes the passphrase, and keeps the fields when the core refuses', async () => {
    const calls = backend('旧的密码12345')
    await mountPage(EncryptionCard)
    expect(field('state').textContent).toBe('已加密')
    expect(document.querySelector('[data-testid="encryption-set"]')).toBeNull()

    await type(field('current'), '旧的密码12345')
    await type(field('new'), '短')
    await type(field('again'), '短')
    await tick()
    await click(field('change'))
    expect(lastCall(calls, 'database_passphrase')).toEqual({ current: '旧的密码12345', new: '短' })
    expect(toasts().join(), 'the core’s rule is shown as it worded it').toContain('密码至少要 8 个字符')
    expect([field('current').value, field('new').value, field('again').value], 'nothing typed is lost').toEqual([
      '旧的密码12345',
      '短',
      '短',
    ])

    await type(field('new'), '新的密码67890')
    await type(field('again'), '新的密码67890')
    await click(field('change'))
    expect(lastCall(calls, 'database_passphrase')).toEqual({ current: '旧的密码12345', new: '新的密码67890' })
    expect(field('current').value).toBe('')
    expect(field('state').textContent).toBe('已加密')
  })

  it('holds the buttons while the core re-encrypts the database and its backups', async () => {
    let finish: (changed: unknown) => void = () => {}
    fakeCore({
      app_status: () => status(true),
      database_passphrase: () => new Promise((resolve) => (finish = resolve)),
    })
    await mountPage(EncryptionCard)
    await type(field('current'), '旧的密码12345')
    await type(field('new'), '新的密码67890')
    await type(field('again'), '新的密码67890')
    await tick()

    await click(field('change'))
    expect([disabled('change'), disabled('remove')], 'no second change meanwhile').toEqual([true, true])
    expect(byTestId('encryption-card').textContent, 'the wait is explained').toContain('正在重新加密数据库、附件和备份')

    finish({ encrypted: true, backups: 12, summary: '已更改密码；12 份备份已用新密码重新加密' })
    await settle()
    expect(toasts().join()).toContain('已更改密码')
  })

  it('removes the passphrase after a confirmation, and not without one', async () => {
    const calls = backend('旧的密码12345')
    await mountPage(EncryptionCard)
    expect(disabled('remove'), 'the current passphrase is needed').toBe(true)
    await type(field('current'), '旧的密码12345')

    await click(field('remove'))
    await answerNewestMessageBox('取消')
    expect(lastCall(calls, 'database_passphrase'), 'cancelled: nothing sent').toBeUndefined()

    await click(field('remove'))
    const box = [...document.querySelectorAll('.el-message-box')].at(-1)
    expect(box?.textContent, 'the question says what removing means').toContain('任何拿到这些文件的人都能读取')
    await answerNewestMessageBox('移除密码')
    expect(lastCall(calls, 'database_passphrase')).toEqual({ current: '旧的密码12345', new: null })
    expect(toasts().join()).toContain('已移除密码')
    expect(field('state').textContent).toBe('未加密')
  })

  it('shows the refusal of a wrong current passphrase', async () => {
    backend('旧的密码12345')
    await mountPage(EncryptionCard)
    await type(field('current'), '记错的密码')
    await click(field('remove'))
    await answerNewestMessageBox('移除密码')
    expect(toasts().join()).toContain('当前密码不正确')
    expect(field('current').value).toBe('记错的密码')
    expect(field('state').textContent).toBe('已加密')
  })

  it('locks an encrypted database, and every page reloads to ask for the passphrase', async () => {
    const calls = backend('旧的密码12345')
    await mountPage(EncryptionCard)
    const app = useAppStore()
    const before = app.dataVersion

    await click(byTestId('encryption-lock'))
    expect(lastCall(calls, 'database_lock')).toEqual({})
    expect(app.dataVersion, 'the pages reload, and the unlock dialog asks').toBe(before + 1)
  })

  it('offers no lock for a database that is not encrypted', async () => {
    backend(null)
    await mountPage(EncryptionCard)
    expect(document.querySelector('[data-testid="encryption-lock"]')).toBeNull()
  })
})
