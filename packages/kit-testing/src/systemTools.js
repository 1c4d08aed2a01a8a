// Where the programs the kit's tests need live, found the usual ways on any machine: an environment variable
// first, then the system's own install, then (for Chromium) the browser Playwright downloaded. Plain
// JavaScript (with systemTools.d.ts beside it) so that scripts run by plain Node can use it too.
import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { chromium } from 'playwright-core'

// Debian's and Ubuntu's packages, Homebrew's casks and the usual app bundles.
const SYSTEM_CHROMIUMS = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
]

/** What to do when no Chromium is found, in one line. */
export const CHROMIUM_HINT =
  'set CHROMIUM_PATH, or run `npx playwright install chromium`, or install Chromium with your package manager'
/** What to do when no redis-server is found, in one line. */
export const REDIS_HINT =
  'set REDIS_SERVER, or install Redis (brew install redis, apt-get install redis-server)'

/**
 * The file `env[variable]` names, which must exist (a variable that names no file is a mistake to report),
 * else the first of `candidates` that exists; `undefined` when none does.
 */
function findFile(variable, candidates, env) {
  if (env[variable]) {
    if (!existsSync(env[variable])) throw new Error(`${variable} names no file: ${env[variable]}`)
    return env[variable]
  }
  return candidates.find((path) => path && existsSync(path))
}

/** Chromium's path, or `undefined`. `CHROMIUM_PATH` wins, and must name a file that exists. */
export const findChromium = (env = process.env) =>
  findFile('CHROMIUM_PATH', [...SYSTEM_CHROMIUMS, chromium.executablePath()], env)

/**
 * A command the tests run: the file `env[variable]` names (which must exist), else `command` on PATH, else
 * Debian's `/usr/bin/<command>`; `undefined` when none is there.
 */
function findCommand(command, variable, env) {
  if (env[variable]) return findFile(variable, [], env)
  try {
    execFileSync(command, ['--version'], { stdio: 'ignore' })
    return command
  } catch {
    return existsSync(`/usr/bin/${command}`) ? `/usr/bin/${command}` : undefined
  }
}

/** The redis-server command, or `undefined`. `REDIS_SERVER` wins; else one on PATH, else Debian's. */
export const findRedisServer = (env = process.env) => findCommand('redis-server', 'REDIS_SERVER', env)

/** What to do when no Prometheus is found, in one line. */
export const PROMETHEUS_HINT =
  'set PROMETHEUS and PROMTOOL, or install Prometheus (brew install prometheus, apt-get install prometheus)'

/** Prometheus's server, or `undefined`. `PROMETHEUS` wins; else one on PATH, else Debian's. */
export const findPrometheus = (env = process.env) => findCommand('prometheus', 'PROMETHEUS', env)

/** Prometheus's promtool, or `undefined`. `PROMTOOL` wins; else one on PATH, else Debian's. */
export const findPromtool = (env = process.env) => findCommand('promtool', 'PROMTOOL', env)

/** What to do when no Firefox is found, in one line. */
export const FIREFOX_HINT =
  'set FIREFOX_PATH, or install Firefox (apt-get install firefox-esr, brew install --cask firefox)'

// Debian's ESR, a system Firefox, the macOS app.
const SYSTEM_FIREFOXES = [
  '/usr/bin/firefox-esr',
  '/usr/bin/firefox',
  '/Applications/Firefox.app/Contents/MacOS/firefox',
]

/** Firefox's path, or `undefined`. `FIREFOX_PATH` wins; else Debian's ESR, a system Firefox or the macOS app. */
export const findFirefox = (env = process.env) => findFile('FIREFOX_PATH', SYSTEM_FIREFOXES, env)

/** What to do when no WebKitGTK driver is found, in one line. */
export const WEBKIT_HINT =
  'set WEBKIT_DRIVER and MINIBROWSER, or install WebKitGTK (apt-get install webkit2gtk-driver xvfb xauth)'

/** WebKitGTK's WebDriver, or `undefined`. `WEBKIT_DRIVER` wins; else one on PATH, else Debian's. */
export const findWebKitDriver = (env = process.env) => findCommand('WebKitWebDriver', 'WEBKIT_DRIVER', env)

// Where Debian's and Ubuntu's libwebkit2gtk packages put the browser WebKitWebDriver drives.
const MINIBROWSERS = [
  '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser',
  '/usr/lib/aarch64-linux-gnu/webkit2gtk-4.1/MiniBrowser',
  '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.0/MiniBrowser',
  '/usr/lib/aarch64-linux-gnu/webkit2gtk-4.0/MiniBrowser',
]

/** WebKitGTK's MiniBrowser, or `undefined`. `MINIBROWSER` wins. */
export const findMiniBrowser = (env = process.env) => findFile('MINIBROWSER', MINIBROWSERS, env)

/** `xvfb-run` (MiniBrowser has no headless mode), or `undefined`. */
export const findXvfbRun = (env = process.env) => findCommand('xvfb-run', 'XVFB_RUN', env)
