// What the end-to-end specs do in the window, written once: wait for paint, find by
// test id, type, pick from an Element Plus select, click past fading overlays, navigate.
import { browser, $, $$ } from '@wdio/globals'

/** Resolves after the webview has painted twice, so a screenshot shows the settled page. */
export async function afterTwoFrames(): Promise<void> {
  await browser.execute(
    () => new Promise<void>((done) => requestAnimationFrame(() => requestAnimationFrame(() => done()))),
  )
}

export const byTestId = (id: string) => $(`[data-testid="${id}"]`)

/** Types into the input or text area with this test id (Element Plus puts the attribute on the field itself). */
export async function typeInto(id: string, text: string): Promise<void> {
  const input = await $(
    `input[data-testid="${id}"], textarea[data-testid="${id}"], [data-testid="${id}"] input, [data-testid="${id}"] textarea`,
  )
  await input.waitForDisplayed()
  await input.setValue(text)
}

/** Opens the Element Plus select with this test id and clicks the option with this text. */
export async function choose(id: string, option: string): Promise<void> {
  // A toast or a closing dialog's overlay may still cover the select: click once it is free.
  await clickWhenFree(`[data-testid="${id}"]`)
  // Every select on the page keeps its (hidden) dropdown in the DOM: click the visible option.
  const xpath = `//*[contains(@class, "el-select-dropdown__item")][normalize-space(.)="${option}"]`
  await browser.waitUntil(
    async () => {
      for (const item of await $$(xpath)) {
        if (await item.isDisplayed()) {
          await item.click()
          return true
        }
      }
      return false
    },
    { timeoutMsg: `the option «${option}» should appear in the open drop-down` },
  )
}

/** Clicks once nothing covers the element (a closing dialog's fading overlay intercepts clicks). */
export async function clickWhenFree(selector: string): Promise<void> {
  await browser.waitUntil(
    async () => {
      try {
        await $(selector).click()
        return true
      } catch {
        return false
      }
    },
    { timeoutMsg: `${selector} stayed covered` },
  )
}

export async function goTo(menuLabel: string): Promise<void> {
  await clickWhenFree(`//li[contains(@class, "el-menu-item")][normalize-space(.)="${menuLabel}"]`)
}

/** Leaves the first-run offer (on an empty database) by starting empty, if it is shown. */
export async function startEmptyIfOffered(): Promise<void> {
  if (await byTestId('first-run-blank').isDisplayed()) {
    await clickWhenFree('[data-testid="first-run-blank"]')
    await byTestId('first-run-dialog').waitForDisplayed({ reverse: true })
  }
}
