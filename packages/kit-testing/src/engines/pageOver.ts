import { matching, type TextTest } from './inPage'
import type { DriverPage, Engine, EnginePage } from './types'

/**
 * How long a step that waits for the page may take: sized for a 2-core CI machine with another job on one
 * core (a 5 s wait once failed there), well inside a test's own timeout. Not a measure of speed: only a
 * bound, so a story that went wrong fails with what it waited for instead of the test's timeout.
 */
const WAIT_LIMIT_MS = 45_000
const POLL_MS = 50

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** How long one read of the page may take before it counts as "not yet". */
const READ_LIMIT_MS = 5_000

/**
 * One read of the page, or why there is none yet: a read that meets a navigation (the page reloading under
 * it) fails, or in Chromium may never answer.
 */
async function attempt<T>(read: () => Promise<T>): Promise<{ value: T } | { missing: string }> {
  let timer: ReturnType<typeof setTimeout> | undefined
  const late = new Promise<{ missing: string }>((resolve) => {
    timer = setTimeout(() => resolve({ missing: `no answer in ${READ_LIMIT_MS / 1000} s` }), READ_LIMIT_MS)
  })
  try {
    return await Promise.race([read().then((value) => ({ value })), late])
  } catch (error) {
    return { missing: (error as Error).message }
  } finally {
    clearTimeout(timer)
  }
}

/** The first element `selector` names, as an expression (`null` when there is none). */
const first = (selector: string) => `(${matching(selector)}[0] ?? null)`

/** An `EnginePage` over what one driver does itself: every query runs in the page, the same in each engine. */
export function pageOver(engine: Engine, driver: DriverPage): EnginePage {
  const until: EnginePage['until'] = async (read, test, what) => {
    const giveUpAt = Date.now() + WAIT_LIMIT_MS
    for (;;) {
      const seen = await attempt(read)
      if ('value' in seen && test(seen.value)) return seen.value
      if (Date.now() > giveUpAt) {
        const last = JSON.stringify('value' in seen ? seen.value : seen.missing)
        throw new Error(`${engine}: waited ${WAIT_LIMIT_MS / 1000} s for ${what}; last seen: ${last}`)
      }
      await sleep(POLL_MS)
    }
  }
  let marks = 0
  const count = (selector: string, text?: TextTest) =>
    driver.run<number>(`${matching(selector, text)}.length`)
  const waitFor = async (selector: string, options: { text?: TextTest } = {}) => {
    const what = options.text === undefined ? selector : `${selector} with the text ${String(options.text)}`
    await until(
      () => count(selector, options.text),
      (n) => n > 0,
      what,
    )
  }
  return {
    engine,
    async goto(url) {
      // A URL that differs from this one by its hash only is not a new document, and the galleries reload on a
      // hash change by themselves: a query sent into the page then can meet the reload and never return
      // (Chromium). A blank page first makes every goto one load, waited for, in each engine.
      const current = await driver.url()
      if (current !== 'about:blank' && current.split('#')[0] === url.split('#')[0])
        await driver.goto('about:blank')
      await driver.goto(url)
    },
    url: () => driver.url(),
    waitFor,
    until,
    async click(selector, { count = 1, text } = {}) {
      await waitFor(selector, { text })
      if (text === undefined) return driver.click(selector, count)
      // The driver clicks by selector: name the element the text picked out.
      const mark = `target-${++marks}`
      await driver.run(`(${matching(selector, text)}[0].setAttribute('data-engine-target', '${mark}'), true)`)
      await driver.click(`[data-engine-target="${mark}"]`, count)
    },
    press: (key) => driver.press(key),
    async select(selector, value) {
      await waitFor(selector)
      await driver.run(`(() => {
        const select = ${first(selector)}
        select.value = ${JSON.stringify(value)}
        select.dispatchEvent(new Event('input', { bubbles: true }))
        select.dispatchEvent(new Event('change', { bubbles: true }))
      })()`)
    },
    count: (selector) => count(selector),
    // Like Playwright's locators, a read waits for its element first.
    async text(selector) {
      await waitFor(selector)
      return driver.run(`${first(selector)}?.textContent ?? null`)
    },
    async attribute(selector, name) {
      await waitFor(selector)
      return driver.run(`${first(selector)}?.getAttribute(${JSON.stringify(name)}) ?? null`)
    },
    async value(selector) {
      await waitFor(selector)
      return driver.run(`${first(selector)}?.value ?? null`)
    },
    focused: (selector) =>
      driver.run(`(() => {
        const element = ${first(selector)}
        let active = document.activeElement
        while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement
        return element !== null && element === active
      })()`),
    attributes: (selector, name) =>
      driver.run(`${matching(selector)}.map((element) => element.getAttribute(${JSON.stringify(name)}))`),
    run: (expression) => driver.run(expression),
    screenshot: (path, selector) => driver.screenshot(path, selector),
    requests: driver.requests,
    async problems() {
      const inPage = await driver.run<string[] | null>('window.__pageProblems ?? null').catch(() => null)
      return [...(inPage ?? []), ...(driver.consoleProblems ?? [])]
    },
    close: () => driver.close(),
  }
}
