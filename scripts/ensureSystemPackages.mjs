// What the tests need from the system (a browser cannot be downloaded everywhere): Chromium, Firefox and
// WebKitGTK for the browser tests, redis-server for the multi-instance tests, Prometheus for the backend's metrics and alert rules, and
// CJK fonts so the galleries' screenshots show zh/ja/ko text. Each is looked for the usual ways first (packages/kit-testing/src/systemTools.js: an environment
// variable, the system's own install, Playwright's browser); what is missing is installed from Debian's
// packages only on Debian as root (CI, this project's machines); anywhere else `pnpm test` stops with one
// line per missing program saying how to get it.
import { execSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import {
  CHROMIUM_HINT,
  FIREFOX_HINT,
  findChromium,
  findFirefox,
  findMiniBrowser,
  findPrometheus,
  findPromtool,
  findRedisServer,
  findWebKitDriver,
  findXvfbRun,
  PROMETHEUS_HINT,
  REDIS_HINT,
  WEBKIT_HINT,
} from '../packages/kit-testing/src/systemTools.js'

const CJK_FONT = '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc'

const TOOLS = [
  {
    name: 'Chromium',
    isThere: () => Boolean(findChromium()),
    debianPackage: 'chromium',
    hint: CHROMIUM_HINT,
  },
  {
    // the galleries' and the server-rendered examples' suites run in each engine; Firefox through WebDriver
    // BiDi (no geckodriver: Debian has none)
    name: 'Firefox',
    isThere: () => Boolean(findFirefox()),
    debianPackage: 'firefox-esr',
    withoutRecommends: true,
    hint: FIREFOX_HINT,
  },
  {
    // WebKitGTK's MiniBrowser, driven by its WebDriver; it needs a display, so Xvfb too
    name: 'WebKit',
    isThere: () => Boolean(findWebKitDriver() && findMiniBrowser() && findXvfbRun()),
    debianPackage: 'webkit2gtk-driver xvfb xauth',
    withoutRecommends: true,
    hint: WEBKIT_HINT,
  },
  {
    name: 'redis-server',
    isThere: () => Boolean(findRedisServer()),
    debianPackage: 'redis-server',
    hint: REDIS_HINT,
  },
  {
    // the backend's metrics are scraped by a real Prometheus, its alert rules checked by promtool; the
    // packaged service (on :9090) is never used
    name: 'Prometheus',
    isThere: () => Boolean(findPrometheus() && findPromtool()),
    debianPackage: 'prometheus',
    // without its recommended node exporter and service extras
    withoutRecommends: true,
    hint: PROMETHEUS_HINT,
  },
  {
    name: 'CJK fonts',
    isThere: () => existsSync(CJK_FONT),
    debianPackage: 'fonts-noto-cjk',
    hint: 'optional: without them the zh/ja/ko screenshots show boxes',
    optional: true,
  },
]

const canInstallFromDebian = existsSync('/etc/debian_version') && process.getuid?.() === 0
// A variable that names no file is a mistake to report, not a program to install.
const misnamed = (tool) => {
  try {
    tool.isThere()
    return false
  } catch (error) {
    console.error(`pnpm test: ${error.message}`)
    return true
  }
}
if (TOOLS.some(misnamed)) process.exit(1)
let missing = TOOLS.filter((tool) => !tool.isThere())

if (missing.length && canInstallFromDebian) {
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }
  const install = (tools, options) => {
    if (tools.length === 0) return
    const packages = tools.map((tool) => tool.debianPackage).join(' ')
    console.log(`ensureSystemPackages: installing ${packages} from Debian`)
    execSync(`apt-get install -y -qq ${options} ${packages}`, { stdio: 'inherit', env })
  }
  execSync('apt-get update -qq', { stdio: 'inherit', env })
  install(
    missing.filter((tool) => !tool.withoutRecommends),
    '',
  )
  install(
    missing.filter((tool) => tool.withoutRecommends),
    '--no-install-recommends',
  )
  missing = TOOLS.filter((tool) => !tool.isThere())
}

for (const tool of missing) console.error(`pnpm test needs ${tool.name}: ${tool.hint}`)
if (missing.some((tool) => !tool.optional)) process.exit(1)
