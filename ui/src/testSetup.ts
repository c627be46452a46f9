// Loaded before every component test (vite.config.ts, test.setupFiles). happy-dom's Element#toString returns the
// element's outerHTML, serialising its whole subtree; a browser returns
// "[object HTMLDivElement]". Popper (behind every Element Plus select, date
// picker and tooltip) calls toString on elements on each update to tell a
// window from an element, so in a dialog full of selects and date pickers
// every click spent seconds serialising the page. Importing this module makes
// toString behave as in a browser.
const proto = globalThis.Element?.prototype as (Element & { __browserLikeToString?: true }) | undefined
if (proto && !proto.__browserLikeToString) {
  Object.defineProperty(proto, 'toString', {
    configurable: true,
    writable: true,
    value(this: Element) {
      return `[object ${this.constructor.name}]`
    },
  })
  Object.defineProperty(proto, '__browserLikeToString', { value: true })
}

export {}
