// pdf.js for the report preview, loaded on first use so that it stays out of
// the main chunk. Its worker is bundled by Vite as an asset of the app; nothing
// is fetched from the network (the reports embed their fonts, so no standard
// font data or CMaps are needed).
import type { PDFDocumentProxy } from 'pdfjs-dist'

/** Opens a PDF held in memory; `data` is handed to the worker (and detached). */
export async function openPdf(data: ArrayBuffer): Promise<PDFDocumentProxy> {
  const [pdfjs, worker] = await Promise.all([
    import('pdfjs-dist'),
    import('pdfjs-dist/build/pdf.worker.min.mjs?url'),
  ])
  pdfjs.GlobalWorkerOptions.workerSrc = worker.default
  // The app's content security policy forbids eval: pdf.js then draws glyphs without compiling them.
  return pdfjs.getDocument({ data, isEvalSupported: false }).promise
}
