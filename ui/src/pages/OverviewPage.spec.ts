import { afterEach, describe, expect, it } from 'vitest'
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks'
import type { YearStats } from '@/generated/YearStats'
import { byTestId, mountPage } from '@/components/specHelpers'
import OverviewPage from './OverviewPage.vue'

afterEach(() => {
  clearMocks()
  document.body.innerHTML = ''
})

describe('OverviewPage', () => {
  it('shows the committee and this year’s figures, meetings labelled in Chinese', async () => {
    const years: unknown[] = []
    mockIPC((cmd, payload) => {
      if (cmd === 'committee_get') return { hospital_name: '滨江市第一人民医院', committee_name: '中共滨江市第一人民医院委员会' }
      if (cmd === 'year_stats') {
        years.push((payload as { year: number }).year)
        const stats: YearStats = {
          year: (payload as { year: number }).year,
          branches: 9,
          general_branches: 1,
          members: { total: 148, full: 139, probationary: 9 },
          meetings: {
            general_meeting: 36,
            committee_meeting: 104,
            group_meeting: 0,
            party_lesson: 30,
            theme_day: 99,
            org_life_meeting: 9,
            democratic_review: 9,
            talk: 41,
          },
          activities: 25,
          activities_by_kind: { 义诊: 12, 健康宣教: 8, 其他: 0 },
          volunteer_hours: 1234.5,
          people_served: 3671,
        }
        return stats
      }
      throw { code: 'internal', message: `unexpected command ${cmd}` }
    })
    await mountPage(OverviewPage)

    expect(years, 'the current year should be asked for by default').toEqual([new Date().getFullYear()])
    expect(byTestId('overview-committee').textContent).toContain('中共滨江市第一人民医院委员会')
    expect(byTestId('overview-branches').textContent).toBe('9')
    expect(byTestId('overview-members').textContent).toBe('148')
    expect(document.body.textContent, 'the member card should split full and probationary').toContain(
      '正式党员 139 · 预备党员 9',
    )
    const meetings = byTestId('overview-meetings').textContent ?? ''
    expect(meetings, 'meeting kinds should carry their Chinese names').toContain('支部委员会会议104')
    expect(meetings).toContain('谈心谈话41')
    expect(byTestId('overview-hours').textContent).toContain('1,234.5')
    expect(byTestId('overview-served').textContent).toBe('3,671')
  })
})
