// The three charts of 概览's year figures, built from the core's YearStats as
// they come: activities by month, volunteer hours by branch, people served by
// brand. Nothing is added up here; the builders only arrange the numbers.
import type { YearStats } from '@/generated/YearStats'
import { CHART_COLORS, type ChartOption } from './option'

const MONTHS = Array.from({ length: 12 }, (_, i) => `${i + 1}月`)

/** Hours as the app prints them: at most one decimal. */
const hoursText = (n: number) => n.toLocaleString('zh-CN', { maximumFractionDigits: 1 })

/** Activities by month, January first, as a bar chart. */
export function activitiesByMonthOption(stats: YearStats): ChartOption {
  return {
    color: CHART_COLORS,
    tooltip: { trigger: 'axis' },
    grid: { left: 40, right: 16, top: 24, bottom: 28 },
    xAxis: { type: 'category', data: MONTHS },
    yAxis: { type: 'value', minInterval: 1 },
    series: [{ type: 'bar', name: '活动', data: stats.activities_by_month.slice(0, 12), barMaxWidth: 28 }],
  }
}

/** The branches with hours, most hours first. */
export function branchesByHours(stats: YearStats) {
  return stats.per_branch.filter((b) => b.volunteer_hours > 0).sort((a, b) => b.volunteer_hours - a.volunteer_hours)
}

/** Volunteer hours by branch, as horizontal bars, the branch with most hours on top. */
export function hoursByBranchOption(stats: YearStats): ChartOption {
  // A category axis runs upwards: reverse so the largest bar is the first read.
  const rows = branchesByHours(stats).reverse()
  return {
    color: CHART_COLORS,
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v) => `${hoursText(Number(v))} 小时` },
    grid: { left: 8, right: 48, top: 8, bottom: 24, containLabel: true },
    xAxis: { type: 'value' },
    yAxis: { type: 'category', data: rows.map((b) => b.branch), axisLabel: { width: 140, overflow: 'truncate' } },
    series: [
      {
        type: 'bar',
        name: '志愿服务时长',
        data: rows.map((b) => b.volunteer_hours),
        barMaxWidth: 18,
        label: { show: true, position: 'right', formatter: ({ value }) => hoursText(Number(value)) },
      },
    ],
  }
}

/** The brands that served anyone, most people first. */
export function brandsByServed(stats: YearStats) {
  return stats.people_served_by_brand.filter((b) => b.people_served > 0).sort((a, b) => b.people_served - a.people_served)
}

/** People served by brand, as a ring. */
export function servedByBrandOption(stats: YearStats): ChartOption {
  const rows = brandsByServed(stats)
  return {
    color: CHART_COLORS,
    tooltip: { trigger: 'item', formatter: '{b}：{c} 人次（{d}%）' },
    legend: { type: 'scroll', orient: 'vertical', right: 0, top: 'middle' },
    series: [
      {
        type: 'pie',
        name: '服务人次',
        radius: ['40%', '70%'],
        center: ['35%', '50%'],
        label: { show: false },
        data: rows.map((b) => ({ name: b.brand, value: b.people_served })),
      },
    ],
  }
}

/** A height for the branch chart that gives every branch a readable bar. */
export function hoursChartHeight(stats: YearStats): number {
  return Math.max(240, branchesByHours(stats).length * 26 + 48)
}
