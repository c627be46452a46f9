// The shape of a chart's option, limited to the chart types and components
// EChart.vue registers. Type-only: building an option never loads ECharts,
// so pages and their tests can compute options without the library.
import type { ComposeOption } from 'echarts/core'
import type { BarSeriesOption, LineSeriesOption, PieSeriesOption } from 'echarts/charts'
import type {
  GridComponentOption,
  LegendComponentOption,
  TitleComponentOption,
  TooltipComponentOption,
} from 'echarts/components'

/** An option EChart.vue can draw. */
export type ChartOption = ComposeOption<
  | BarSeriesOption
  | LineSeriesOption
  | PieSeriesOption
  | GridComponentOption
  | LegendComponentOption
  | TitleComponentOption
  | TooltipComponentOption
>

/** The app's chart colours: the header's Party red first, then calm companions. */
export const CHART_COLORS = ['#b3121f', '#d48806', '#1f6fb2', '#389e0d', '#8c4fbf', '#c2185b', '#13a8a8', '#7a5c3e']
