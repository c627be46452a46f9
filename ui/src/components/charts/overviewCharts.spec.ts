import { describe, expect, it } from 'vitest'
import type { BranchYear } from '@/generated/BranchYear'
import type { YearStats } from '@/generated/YearStats'
import {
  activitiesByMonthOption,
  hoursByBranchOption,
  hoursChartHeight,
  servedByBrandOption,
} from './overviewCharts'

const branch = (branch_id: number, name: string, volunteer_hours: number): BranchYear => ({
  branch_id,
  branch: name,
  activities: 0,
  people_served: 0,
  volunteer_hours,
  members_serving: 0,
  members_on_rolls: 0,
  participation_rate: 0,
  honors: 0,
  suggestions_done: 0,
  targets: [],
})

const stats = {
  activities_by_month: [1, 0, 3, 0, 0, 0, 0, 0, 0, 0, 0, 2],
  per_branch: [branch(1, '内科党支部', 12.5), branch(2, '外科党支部', 0), branch(3, '医技党支部', 40)],
  people_served_by_brand: [
    { brand_id: 1, brand: '精准百分百', people_served: 300 },
    { brand_id: 2, brand: '同心向党', people_served: 0 },
    { brand_id: 3, brand: '中医药服务大篷车', people_served: 1200 },
  ],
} as unknown as YearStats

describe('overview charts', () => {
  it('puts the activities of each month on its own bar, January first', () => {
    const option = activitiesByMonthOption(stats)
    expect((option.xAxis as { data: string[] }).data).toEqual([
      '1月', '2月', '3月', '4月', '5月', '6月', '7月', '8月', '9月', '10月', '11月', '12月',
    ])
    expect((option.series as { data: number[] }[])[0]!.data).toEqual([1, 0, 3, 0, 0, 0, 0, 0, 0, 0, 0, 2])
  })

  it('shows the core’s hours of each branch with hours, the most on top', () => {
    const option = hoursByBranchOption(stats)
    // The category axis runs upwards, so the last category is drawn at the top.
    expect((option.yAxis as { data: string[] }).data).toEqual(['内科党支部', '医技党支部'])
    expect((option.series as { data: number[] }[])[0]!.data).toEqual([12.5, 40])
    expect(hoursChartHeight(stats)).toBeGreaterThanOrEqual(240)
  })

  it('shows the people each brand served, brands that served nobody left out', () => {
    const option = servedByBrandOption(stats)
    expect((option.series as { data: unknown[] }[])[0]!.data).toEqual([
      { name: '中医药服务大篷车', value: 1200 },
      { name: '精准百分百', value: 300 },
    ])
  })
})
