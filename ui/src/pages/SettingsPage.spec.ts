import { afterEach, describe, expect, it } from 'vitest'
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks'
import { byTestId, click, mountPage, type } from '@/components/specHelpers'
import SettingsPage from './SettingsPage.vue'

afterEach(() => {
  clearMocks()
  document.body.innerHTML = ''
})

describe('SettingsPage', () => {
  it('shows the database file and saves the committee’s names', async () => {
    const saved: unknown[] = []
    mockIPC((cmd, payload) => {
      if (cmd === 'app_status')
        return {
          path: 'D:\\党办\\dangjian.db',
          empty: false,
          committee: { hospital_name: '滨江市第一人民医院', committee_name: '' },
        }
      if (cmd === 'committee_set') {
        const { committee } = payload as { committee: unknown }
        saved.push(committee)
        return committee
      }
      throw { code: 'internal', message: `unexpected command ${cmd}` }
    })
    await mountPage(SettingsPage)

    expect(byTestId('settings-db-path').textContent, 'the database file should be named').toBe('D:\\党办\\dangjian.db')
    expect(byTestId<HTMLInputElement>('settings-hospital-name').value).toBe('滨江市第一人民医院')

    await type(byTestId<HTMLInputElement>('settings-committee-name'), '中共滨江市第一人民医院委员会')
    await click(byTestId('settings-save'))

    expect(saved, 'saving should send both names to committee_set').toEqual([
      { hospital_name: '滨江市第一人民医院', committee_name: '中共滨江市第一人民医院委员会' },
    ])
  })
})
