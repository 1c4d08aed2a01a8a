import { type ChildProcess, spawn } from 'node:child_process'
import { Key, remote } from 'webdriverio'
import { freePort } from '../processes'
import { findMiniBrowser, findWebKitDriver, findXvfbRun, WEBKIT_HINT } from '../systemTools.js'
import { DEEP_QUERY, readyToClick } from './inPage'
import { pageOver } from './pageOver'
import type { DriverPage, EngineBrowser, KeyName } from './types'

type Session = Awaited<ReturnType<typeof remote>>

const KEYS: Record<KeyName, string> = {
  Tab: Key.Tab,
  Enter: Key.Enter,
  Space: Key.Space,
  PageUp: Key.PageUp,
  ArrowRight: Key.ArrowRight,
  ArrowLeft: Key.ArrowLeft,
}

async function elementFor(session: Session, selector: string): Promise<WebdriverIO.Element> {
  const found = await session.execute(`return (${DEEP_QUERY})(${JSON.stringify(selector)})[0] ?? null`)
  if (!found) throw new Error(`webkit: nothing matches ${selector}`)
  // webdriverio hands an element back as an element already, or as its WebDriver reference
  if ('elementId' in (found as object)) return found as WebdriverIO.Element
  return (await session.$(found as unknown as WebdriverIO.Element)) as unknown as WebdriverIO.Element
}

/**
 * The session's one window as a `DriverPage`. Classic WebDriver sees neither the network nor the console;
 * there is no script for every new document either, so `preload` runs once each load is done.
 */
function webkitDriverPage(session: Session, preload: string | undefined): DriverPage {
  const run = <T>(expression: string) => session.execute(`return ${expression}`) as Promise<T>
  return {
    run,
    async click(selector, count) {
      await run(readyToClick(selector))
      const element = await elementFor(session, selector)
      if (count === 2) await element.doubleClick()
      else await element.click()
    },
    press: (key) => session.keys(KEYS[key]),
    async goto(url) {
      await session.url(url)
      if (preload) await run(preload)
    },
    url: () => session.getUrl(),
    async screenshot(path, selector) {
      if (selector) return void (await (await elementFor(session, selector)).saveScreenshot(path))
      // WebDriver's screenshot is the viewport's: the window grows to the page's height for it, then goes back.
      const window = await session.getWindowSize()
      const [pageHeight, viewportHeight] = await run<[number, number]>(
        '[document.documentElement.scrollHeight, innerHeight]',
      )
      const grown = pageHeight > viewportHeight
      if (grown) await session.setWindowSize(window.width, window.height + pageHeight - viewportHeight)
      try {
        await session.saveScreenshot(path)
      } finally {
        if (grown) await session.setWindowSize(window.width, window.height)
      }
    },
    requests: null,
    consoleProblems: null,
    // One window serves every page in turn: leave nothing of this one to the next.
    async close() {
      await run('(localStorage.clear(), sessionStorage.clear())').catch(() => {})
      await session.deleteAllCookies().catch(() => {})
      await session.url('about:blank')
    },
  }
}

/**
 * WebDriver sizes the whole window, the browser's own bar included: the window is sized twice, the second
 * time with what that bar takes, so the page gets the viewport asked for, as in the other engines.
 */
async function setViewport(session: Session, viewport: { width: number; height: number }) {
  await session.setWindowSize(viewport.width, viewport.height)
  const [width, height] = (await session.execute('return [innerWidth, innerHeight]')) as [number, number]
  await session.setWindowSize(2 * viewport.width - width, 2 * viewport.height - height)
}

/**
 * WebKitGTK's MiniBrowser through Debian's WebKitWebDriver under Xvfb (MiniBrowser has no headless mode),
 * driven by webdriverio in classic WebDriver mode (the driver refuses a BiDi session).
 */
export async function launchWebKitEngine(): Promise<EngineBrowser> {
  const [driverCommand, miniBrowser, xvfbRun] = [findWebKitDriver(), findMiniBrowser(), findXvfbRun()]
  if (!driverCommand || !miniBrowser || !xvfbRun) throw new Error(`No WebKitGTK found: ${WEBKIT_HINT}`)
  const port = await freePort()
  const driver = startDriver(xvfbRun, driverCommand, port)
  const session = await Promise.race([connect(port, miniBrowser), driver.failed]).catch((error) => {
    driver.stop()
    throw error
  })
  let open = false
  return {
    engine: 'webkit',
    async newPage({ viewport, preload } = {}) {
      if (open) throw new Error('webkit: one page at a time (the session has one window)')
      open = true
      if (viewport) await setViewport(session, viewport)
      const page = webkitDriverPage(session, preload)
      return pageOver('webkit', {
        ...page,
        close: async () => {
          try {
            await page.close()
          } finally {
            open = false
          }
        },
      })
    },
    async close() {
      await session.deleteSession().catch(() => {})
      driver.stop()
    },
  }
}

/**
 * WebKitWebDriver under `xvfb-run`, in a process group of its own behind a shell that ends the group when
 * this process's end closes its stdin: Xvfb, the driver and MiniBrowser never outlive the tests, even when a
 * signal kills the test process (its `exit` handlers do not run then). `failed` rejects, with the driver's
 * own words, if it ends before it is stopped.
 */
function startDriver(xvfbRun: string, driverCommand: string, port: number) {
  // The shell ends its group (`kill 0`) when xvfb-run ends, and a watcher ends it when the shell's stdin
  // closes: the watcher reads a copy (fd 3) made first, since a background job's own stdin is /dev/null.
  const watchdog =
    'exec 3<&0; trap "kill -TERM 0 2>/dev/null" EXIT; (cat <&3 > /dev/null; kill -TERM 0) & "$0" -a "$1" --port="$2"'
  const group: ChildProcess = spawn('sh', ['-c', watchdog, xvfbRun, driverCommand, String(port)], {
    detached: true,
    stdio: ['pipe', 'ignore', 'pipe'],
  })
  let said = ''
  group.stderr?.on('data', (chunk: Buffer) => {
    said = (said + chunk).slice(-2_000)
  })
  let stopped = false
  const failed = new Promise<never>((_, reject) => {
    const fail = (why: string) =>
      !stopped && reject(new Error(`webkit: WebKitWebDriver ${why}: ${said.trim()}`))
    group.once('error', (error) => fail(error.message))
    group.once('exit', (code) => fail(`ended (${code})`))
  })
  failed.catch(() => {})
  return {
    failed,
    // SIGTERM first: xvfb-run's own trap then removes its display's lock and temporary files.
    stop() {
      stopped = true
      group.stdin?.end()
      try {
        process.kill(-group.pid!, 'SIGTERM')
      } catch {}
    },
  }
}

/** A session, once the driver listens (it takes a moment to start under Xvfb). */
async function connect(port: number, miniBrowser: string) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await remote({
        hostname: '127.0.0.1',
        port,
        path: '/',
        logLevel: 'silent',
        capabilities: {
          browserName: 'MiniBrowser',
          'webkitgtk:browserOptions': { binary: miniBrowser, args: ['--automation'] },
          // webdriverio asks for BiDi otherwise, which WebKitWebDriver refuses ("Failed to match capabilities")
          'wdio:enforceWebDriverClassic': true,
        } as WebdriverIO.Capabilities,
      })
    } catch (error) {
      if (attempt >= 50) throw error
      await new Promise((resolve) => setTimeout(resolve, 200))
    }
  }
}
