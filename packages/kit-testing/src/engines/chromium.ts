import type { Page } from 'playwright-core'
import { launchChromium } from '../chromium.js'
import { pageOver } from './pageOver'
import type { DriverPage, EngineBrowser, SeenRequest } from './types'

/** Playwright's CSS pierces open shadow roots by itself: `host >>> inner` is `host inner` there. */
const playwrightSelector = (selector: string) => selector.replaceAll(' >>> ', ' ')

/** A Playwright page as a `DriverPage`: CDP sees the network and the console. */
export function chromiumDriverPage(page: Page): DriverPage {
  const requests: SeenRequest[] = []
  const consoleProblems: string[] = []
  page.on('request', (request) =>
    requests.push({
      url: request.url(),
      method: request.method(),
      navigation: request.isNavigationRequest(),
    }),
  )
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning')
      consoleProblems.push(`console ${message.type()}: ${message.text()} ${message.location().url}`.trim())
  })
  page.on('pageerror', (error) => consoleProblems.push(`page error: ${error.message}`))
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
    requests,
    consoleProblems,
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
