// The bind quick starts under a policy that blocks CaptchaLa's script, in Firefox: the visitor's click on
// "Log in" is answered with the words for a loading failure. puppeteer-core drives the system's Firefox over
// WebDriver BiDi (Playwright's Firefox is a patched build of its own; a distribution's Firefox is not).
// Nothing reaches CaptchaLa when its script is blocked, so no emulator is needed: the app's server alone.
import { spawn } from 'node:child_process'
import puppeteer from 'puppeteer-core'

const LOADING_WORDS =
  'The verification could not load. Check your connection or content blocker, then try again.'
const port = Number(process.env.PORT)
const base = `http://127.0.0.1:${port}`
// Generous, as for the Playwright suite: a loaded CI machine is slow, not broken.
const PATIENCE = { timeout: 120_000 }

const server = spawn(process.execPath, ['server.mjs'], { env: process.env, stdio: 'inherit' })
try {
  await serverAnswers(`${base}/api/health`)
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: process.env.FIREFOX_PATH,
    headless: true,
  })
  try {
    for (const path of ['/bind/', '/vue-bind/']) {
      const page = await browser.newPage()
      // The cause must be the policy (a network failure shows the same words): its violation is recorded,
      // and no request leaves for CaptchaLa's hosts.
      await page.evaluateOnNewDocument(() => {
        window.violations = []
        addEventListener('securitypolicyviolation', (event) => window.violations.push(event.blockedURI))
      })
      const outside = []
      page.on('request', (request) => {
        if (new URL(request.url()).hostname !== '127.0.0.1') outside.push(request.url())
      })
      await page.goto(base + path)
      await page.locator('button').setTimeout(PATIENCE.timeout).click()
      await page.waitForFunction(
        (words) => document.querySelector('form > p[role=status]')?.textContent === words,
        PATIENCE,
        LOADING_WORDS,
      )
      const violations = await page.evaluate(() => window.violations)
      if (!violations.some((url) => /captchala\.js/.test(url)))
        throw new Error(`e2e-firefox: ${path}: no policy violation for CaptchaLa's script: ${violations}`)
      if (outside.length > 0) throw new Error(`e2e-firefox: ${path}: requests left the machine: ${outside}`)
      console.log(`e2e-firefox: ${path}: the click on Log in is answered: “${LOADING_WORDS}”`)
      await page.close()
    }
  } finally {
    await browser.close()
  }
} finally {
  server.kill()
}

async function serverAnswers(url) {
  for (let attempt = 0; ; attempt++) {
    try {
      if ((await fetch(url)).ok) return
    } catch {}
    if (attempt > 600) throw new Error(`e2e-firefox: ${url} never answered`)
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}
