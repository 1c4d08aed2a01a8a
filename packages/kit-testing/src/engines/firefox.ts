import puppeteer, { type Page } from 'puppeteer-core'
import { FIREFOX_HINT, findFirefox } from '../systemTools.js'
import { driverRecord } from './driverRecord'
import { DEEP_QUERY, readyToClick } from './inPage'
import { pageOver } from './pageOver'
import type { DriverPage, EngineBrowser } from './types'

/** The first element `selector` names, shadow roots included, as a puppeteer handle. */
async function elementFor(page: Page, selector: string) {
  const handle = await page.evaluateHandle(`(${DEEP_QUERY})(${JSON.stringify(selector)})[0]`)
  const element = handle.asElement()
  if (!element) throw new Error(`firefox: nothing matches ${selector}`)
  return element as import('puppeteer-core').ElementHandle<Element>
}

/** A puppeteer page over WebDriver BiDi as a `DriverPage`: BiDi sees the network and the console. */
function firefoxDriverPage(page: Page): DriverPage {
  const record = driverRecord()
  page.on('request', record.onRequest)
  page.on('console', (message) => record.onConsole(message.type(), message.text()))
  page.on('pageerror', record.onPageError)
  return {
    run: (expression) => page.evaluate(expression) as Promise<never>,
    async click(selector, count) {
      await page.evaluate(readyToClick(selector))
      await (await elementFor(page, selector)).click({ count })
    },
    press: (key) => page.keyboard.press(key),
    goto: async (url) => {
      await page.goto(url)
    },
    url: async () => page.url(),
    async screenshot(path, selector) {
      if (selector) await (await elementFor(page, selector)).screenshot({ path })
      else await page.screenshot({ path: path as `${string}.png`, fullPage: true })
    },
    requests: record.requests,
    consoleProblems: record.consoleProblems,
    close: () => page.close(),
  }
}

/** Debian's Firefox ESR through puppeteer-core over WebDriver BiDi (no geckodriver). */
export async function launchFirefoxEngine(): Promise<EngineBrowser> {
  const executablePath = findFirefox()
  if (!executablePath) throw new Error(`No Firefox found: ${FIREFOX_HINT}`)
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath,
    headless: true,
    // Firefox otherwise reaches out to Mozilla's hosts for updates, telemetry and safe browsing
    extraPrefsFirefox: {
      'app.update.enabled': false,
      'browser.safebrowsing.malware.enabled': false,
      'browser.safebrowsing.phishing.enabled': false,
      'datareporting.policy.dataSubmissionEnabled': false,
      'network.captive-portal-service.enabled': false,
      'network.connectivity-service.enabled': false,
    },
  })
  return {
    engine: 'firefox',
    async newPage({ viewport, preload } = {}) {
      const page = await browser.newPage()
      if (viewport) await page.setViewport(viewport)
      if (preload) await page.evaluateOnNewDocument(preload)
      return pageOver('firefox', firefoxDriverPage(page))
    },
    close: () => browser.close(),
  }
}
