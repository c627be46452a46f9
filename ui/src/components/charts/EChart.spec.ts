import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { mount } from '@vue/test-utils'
import { nextTick } from 'vue'
import type { ChartOption } from './option'

// The test DOM has no canvas: ECharts' init is replaced by a fake chart whose calls are recorded.
const fake = vi.hoisted(() => ({
  chart: { setOption: vi.fn(), resize: vi.fn(), dispose: vi.fn() },
  init: vi.fn(),
}))
vi.mock('echarts/core', async (importOriginal) => ({
  ...(await importOriginal<typeof import('echarts/core')>()),
  init: fake.init,
}))

import EChart from './EChart.vue'

const option = (n: number): ChartOption => ({ series: [{ type: 'bar', data: [n] }] })

beforeEach(() => {
  // As in a webview that can draw; the test DOM itself has no 2D context.
  vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue({} as never)
  fake.init.mockReset().mockReturnValue(fake.chart)
  fake.chart.setOption.mockReset()
  fake.chart.dispose.mockReset()
})
afterEach(() => {
  vi.restoreAllMocks()
  document.body.innerHTML = ''
})

describe('EChart', () => {
  it('draws the option on mount, redraws it when it changes and disposes of the chart on unmount', async () => {
    const wrapper = mount(EChart, { props: { option: option(1) }, attachTo: document.body })
    expect(fake.init).toHaveBeenCalledTimes(1)
    expect(fake.chart.setOption).toHaveBeenLastCalledWith(option(1), { notMerge: true })

    await wrapper.setProps({ option: option(2) })
    await nextTick()
    expect(fake.chart.setOption).toHaveBeenLastCalledWith(option(2), { notMerge: true })

    wrapper.unmount()
    expect(fake.chart.dispose).toHaveBeenCalledTimes(1)
  })

  it('says it cannot draw rather than failing the page when ECharts cannot start', async () => {
    fake.init.mockImplementation(() => {
      throw new Error('no canvas')
    })
    const wrapper = mount(EChart, { props: { option: option(1) }, attachTo: document.body })
    await nextTick()
    expect(wrapper.find('[data-testid="echart-failed"]').text()).toBe('图表无法在此显示')
  })

  it('does not even start ECharts where no canvas can be drawn', async () => {
    vi.mocked(HTMLCanvasElement.prototype.getContext).mockReturnValue(null)
    const wrapper = mount(EChart, { props: { option: option(1) }, attachTo: document.body })
    await nextTick()
    expect(fake.init).not.toHaveBeenCalled()
    expect(wrapper.find('[data-testid="echart-failed"]').exists()).toBe(true)
    wrapper.unmount()
  })
})
