import type { Page } from 'playwright-core'
import { launchChromium } from '../chromium.js'
import { driverRecord } from './driverRecord'
import { pageOver } from './pageOver'
import type { DriverPage, EngineBrowser } from './types'

/** Playwright's CSS pierces open shadow roots by itself: `host >>> inner` is `host inner` there. */
const playwrightSelector = (selector: string) => selector.replaceAll(' >>> ', ' ')

/** A Playwright page as a `DriverPage`: CDP sees the network and the console. */
export function chromiumDriverPage(page: Page): DriverPage {
  const record = driverRecord()
  page.on('request', record.onRequest)
  page.on('console', (message) =>
    record.onConsole(message.type(), `${message.text()} ${message.location().url}`.trim()),
  )
  page.on('pageerror', record.onPageError)
  return {
    run: (expression) => page.evaluate(expression),
    click: (selector, count) =>
      page.locator(playwrightSelector(selector)).first().click({ clickCount: count }),
    press: (key) => page.keyboard.press(key),
    goto: async (url) => {
      await page.goto(url)
    },
    url: async () => page.url(),
    screenshot: async (path, selector) => {
      if (selector) await page.locator(playwrightSelector(selector)).first().screenshot({ path })
      else await page.screenshot({ path, fullPage: true })
    },
    requests: record.requests,
    consoleProblems: record.consoleProblems,
    close: () => page.close(),
  }
}

/** Debian's Chromium through playwright-core. */
export async function launchChromiumEngine(): Promise<EngineBrowser> {
  const browser = await launchChromium()
  return {
    engine: 'chromium',
    async newPage({ viewport, preload } = {}) {
      const page = await browser.newPage({ viewport })
      if (preload) await page.addInitScript(preload)
      return pageOver('chromium', chromiumDriverPage(page))
    },
    close: () => browser.close(),
  }
}
