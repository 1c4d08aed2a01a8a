// pnpm bench: the invisible-login story in Debian's Chromium, in both galleries, each run on a fresh page
// served by the reference backend (production build, strict CSP) against the emulator (default proof of
// work). Per run: page load -> passed token, page load -> the backend's answer, and script requests. The
// baseline, measured in the same runs, is the page's own load (loadEventEnd): the ratios say what the
// verification adds on top of loading the page. Medians.
import { fileURLToPath } from 'node:url'
import { createBackend, readConfig } from '@captchala/backend-example'
import { startEmulator } from '@captchala/emulator'
import { launchChromium } from '@captchala/kit-testing/chromium'

const RUNS = 21
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
const dist = (app) => fileURLToPath(new URL(`../../${app}-example/dist`, import.meta.url))

const emu = await startEmulator({ port: 0 })
const backend = await createBackend(readConfig({ CAPTCHALA_BASE_URL: emu.url, RATE_LIMIT_MAX: '1000000' }), {
  logger: false,
  apps: ['react', 'vue'].map((app) => ({ prefix: `/${app}/`, dir: dist(app) })),
})
const base = await backend.listen({ port: 0, host: '127.0.0.1' })
const browser = await launchChromium()

async function run(app) {
  const page = await browser.newPage()
  let scripts = 0
  page.on('request', (r) => /\/captchala\.js$/.test(new URL(r.url()).pathname) && scripts++)
  await page.goto(`${base}/${app}/#/invisible-login`)
  await page.getByTestId('status-login').filter({ hasText: 'ready' }).waitFor()
  // A person clicks as soon as the button is there; the clock runs from navigation start.
  await page.getByTestId('submit-login').click()
  await page.getByTestId('result-login').waitFor()
  const t = (type) =>
    page.locator(`[data-testid=panel] tr[data-type="${type}"]`).first().getAttribute('data-t')
  const sample = {
    load: await page.evaluate(() => performance.getEntriesByType('navigation')[0].loadEventEnd),
    passed: Number(await t('passed')),
    answered: Number(await t('server')),
    scripts,
    outcome: await page.getByTestId('result-login').getAttribute('data-outcome'),
  }
  await page.close()
  return sample
}

try {
  const samples = { react: [], vue: [] }
  // Alternating apps, so a slow moment of the machine hits both alike.
  for (let i = 0; i < RUNS; i++) for (const app of ['react', 'vue']) samples[app].push(await run(app))
  for (const [app, runs] of Object.entries(samples)) {
    const failed = runs.filter((r) => r.outcome !== 'ok').length
    if (failed) throw new Error(`${app}: ${failed} of ${runs.length} runs did not log in`)
    const load = median(runs.map((r) => r.load))
    const passed = median(runs.map((r) => r.passed))
    const answered = median(runs.map((r) => r.answered))
    const scripts = [...new Set(runs.map((r) => r.scripts))].join('/')
    console.log(
      `invisible-login (${app}, ${runs.length} runs, medians): page load ${load.toFixed(0)} ms (baseline); ` +
        `load -> passed token ${passed} ms (${(passed / load).toFixed(2)}x); ` +
        `load -> backend answer ${answered} ms (${(answered / load).toFixed(2)}x); script requests per page: ${scripts}`,
    )
  }
} finally {
  await browser.close()
  await backend.close()
  await emu.close()
}
