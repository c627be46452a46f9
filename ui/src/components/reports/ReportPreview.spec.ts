import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { byTestId, FakeIntersectionObserver, mountPage, settle } from '@/components/specHelpers'
import ReportPreview from './ReportPreview.vue'

// pdf.js needs a worker and a canvas the test DOM lacks: a fake document of 100 A4 pages stands in.
const render = vi.fn((_: { canvas: HTMLCanvasElement }) => ({ promise: Promise.resolve() }))
const destroy = vi.fn(() => Promise.resolve())
vi.mock('./pdf', () => ({
  openPdf: vi.fn(async () => ({
    numPages: 100,
    getPage: async () => ({
      getViewport: ({ scale }: { scale: number }) => ({ width: 595 * scale, height: 842 * scale }),
      render,
      cleanup: () => {},
    }),
    destroy,
  })),
}))

beforeEach(() => {
  render.mockClear()
  vi.stubGlobal('IntersectionObserver', FakeIntersectionObserver)
})
afterEach(() => {
  vi.unstubAllGlobals()
  document.body.innerHTML = ''
})

const pages = () => [...document.querySelectorAll<HTMLCanvasElement>('[data-testid="report-preview-page"]')]

describe('ReportPreview', () => {
  it('places every page at once but draws only those scrolled near, one after another', async () => {
    const wrapper = await mountPage({ components: { ReportPreview }, template: '<ReportPreview :pdf="pdf" />', data: () => ({ pdf: new ArrayBuffer(8) }) })
    await settle()

    expect(pages(), 'a place for each page').toHaveLength(100)
    expect(pages()[0]!.style.width).toBe('743.75px')
    expect(render, 'nothing is drawn before it is in view').not.toHaveBeenCalled()

    FakeIntersectionObserver.current!.show(3)
    await settle()
    expect(render).toHaveBeenCalledTimes(3)
    expect(render.mock.calls.map(([options]) => options.canvas.dataset.page)).toEqual(['1', '2', '3'])
    expect(pages().filter((c) => c.dataset.drawn === 'true')).toHaveLength(3)

    // A new build replaces the document.
    await wrapper.setData({ pdf: new ArrayBuffer(16) })
    await settle()
    expect(destroy).toHaveBeenCalled()
    expect(pages().filter((c) => c.dataset.drawn === 'true'), 'the new pages start undrawn').toHaveLength(0)
    expect(byTestId('report-preview').querySelector('[data-testid="report-preview-error"]')).toBeNull()
  })
})
