// Issue 23, "Load when needed": with `loader.when: 'interaction'` or `'visible'`, a page sends nothing to
// CaptchaLa's host until the visitor touches the form or scrolls it into view; the first submission still
// works (it loads first) and a double click still sends one token to one validation. Under Trusted Types the
// loader works through the `captchala` policy, or the page's own. Chromium's request log is the witness: the
// core's published build in a page, the emulator as CaptchaLa, the reference backend.
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { startEmulator } from '@captchala/emulator'
import { launchChromium } from '@captchala/kit-testing/chromium'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createBackend, readConfig } from '../src/index'
import { PUBLISHED_CORE_MODULE } from './publishedCore'

type Browser = Awaited<ReturnType<typeof launchChromium>>
type Page = Awaited<ReturnType<Browser['newPage']>>
type Backend = Awaited<ReturnType<typeof createBackend>>
type Log = Record<string, unknown> & { msg?: string; call?: string; result?: string }

/** A loaded machine starts Chromium and its pages slowly: no case may fail for that. */
const CASE_TIMEOUT_MS = 300_000
/** Enough room above the form that a 900 px high window opens with the form out of sight. */
const BELOW_THE_FOLD_PX = 3000

let emu: Awaited<ReturnType<typeof startEmulator>>
let backend: Backend
let browser: Browser
let pages: Server
let logs: Log[] = []

const origin = (server: { address(): AddressInfo | string | null }) =>
  `http://127.0.0.1:${(server.address() as AddressInfo).port}`

// A login form: the widget's element inside it, sent through withToken to this page's own /submit (which
// hands it to the reference backend). `?when=`, `?fold` and `?ownPolicy` (the page's own Trusted Types policy,
// `mine`, as loader.trustedTypesPolicy) choose the setup; `?csp=` is the page's Content-Security-Policy.
function pageHtml(url: URL) {
  const when = url.searchParams.get('when') ?? 'mount'
  const ownPolicy = url.searchParams.has('ownPolicy')
    ? "trustedTypesPolicy: trustedTypes.createPolicy('mine', { createScriptURL: (url) => url }),"
    : ''
  const spacer = url.searchParams.has('fold') ? `<div style="height:${BELOW_THE_FOLD_PX}px"></div>` : ''
  return `<!doctype html><html lang="en"><head><title>load when needed</title></head><body>${spacer}
<form id="login"><input name="email" aria-label="Email" value="ada@example.com">
<div id="widget"></div><button id="send">Log in</button></form><p id="result"></p>
<script type="module">
import { createCaptcha } from '/core.js'
const captcha = createCaptcha({
  appKey: 'demo_app',
  action: 'login',
  loader: { src: ${JSON.stringify(emu.url)}, when: ${JSON.stringify(when)}, ${ownPolicy} },
})
captcha.mount(document.getElementById('widget'))
document.getElementById('login').addEventListener('submit', async (event) => {
  event.preventDefault()
  const answer = await captcha.withToken((captchala_token) =>
    fetch('/submit', { method: 'POST', body: JSON.stringify({ captchala_token }) }).then((r) => r.json()),
  )
  if (answer) document.getElementById('result').textContent = answer.ok ? 'ok' : answer.error
})
window.captcha = captcha
</script></body></html>`
}

async function servePages() {
  const server = createServer(async (request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1')
    if (url.pathname === '/core.js') {
      response.writeHead(200, { 'content-type': 'text/javascript' }).end(PUBLISHED_CORE_MODULE)
      return
    }
    if (url.pathname === '/submit') {
      let body = ''
      for await (const chunk of request) body += chunk
      const answer = await fetch(`${origin(backend.server)}/api/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      })
      response.writeHead(200, { 'content-type': 'application/json' }).end(await answer.text())
      return
    }
    const csp = url.searchParams.get('csp')
    response
      .writeHead(200, { 'content-type': 'text/html', ...(csp && { 'content-security-policy': csp }) })
      .end(pageHtml(url))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return server
}

/** A page with its requests to CaptchaLa's host (the emulator) and to /submit written down as they leave. */
async function openPage(query: string) {
  const page = await browser.newPage({ viewport: { width: 1000, height: 900 } })
  const toCaptchala: string[] = []
  const submissions: string[] = []
  const problems: string[] = []
  let workers = 0
  page.on('console', (message) => message.type() === 'error' && problems.push(message.text()))
  page.on('worker', () => workers++)
  page.on('request', (request) => {
    const url = new URL(request.url())
    if (url.origin === emu.url) toCaptchala.push(url.pathname)
    if (url.pathname === '/submit') submissions.push(url.pathname)
  })
  await page.goto(`${origin(pages)}/?${query}`, { waitUntil: 'networkidle' })
  return { page, toCaptchala, submissions, problems, workers: () => workers }
}

const errorOf = (page: Page) =>
  page.evaluate(() => {
    const { error } = (
      window as unknown as { captcha: { getSnapshot(): { error: { code: string; message: string } | null } } }
    ).captcha.getSnapshot()
    return error && { code: error.code, message: error.message }
  })
const statusOf = (page: Page) =>
  page.evaluate(
    () =>
      (window as unknown as { captcha: { getSnapshot(): { status: string } } }).captcha.getSnapshot().status,
  )
/** Waits, with no deadline but the case's own, for the widget to be mounted and waiting. */
const widgetReady = (page: Page) =>
  page.waitForFunction(
    () =>
      (window as unknown as { captcha: { getSnapshot(): { status: string } } }).captcha.getSnapshot()
        .status === 'ready',
    null,
    { timeout: 0 },
  )
const validations = () => logs.filter((line) => line.msg === 'captchala' && line.call === 'validate')

/** Sends the form with a double click (two submissions in one gesture) and waits for its answer. */
async function doubleClickSend(page: Page) {
  await page.locator('#send').dblclick()
  await page.locator('#result').filter({ hasText: /\S/ }).waitFor({ timeout: 0 })
  return page.locator('#result').textContent()
}

beforeAll(async () => {
  emu = await startEmulator({ port: 0, powDifficulty: 10 })
  backend = await createBackend(readConfig({ CAPTCHALA_BASE_URL: emu.url, PORT: '0' }), {
    logger: { level: 'info', stream: { write: (line: string) => logs.push(JSON.parse(line)) } },
  })
  await backend.listen({ port: 0, host: '127.0.0.1' })
  pages = await servePages()
  browser = await launchChromium()
}, CASE_TIMEOUT_MS)
afterAll(async () => {
  await browser?.close()
  pages?.close()
  await backend?.close()
  await emu?.close()
})

describe('loader.when in Chromium', { timeout: CASE_TIMEOUT_MS }, () => {
  it("'mount' (the default) asks CaptchaLa as the page loads: the baseline the others differ from", async () => {
    const { page, toCaptchala } = await openPage('when=mount')
    expect(toCaptchala).toContain('/captchala.js')
    await page.close()
  })

  it("'interaction': nothing to CaptchaLa's host until the first focus in the form, then the widget loads", async () => {
    const { page, toCaptchala } = await openPage('when=interaction')
    expect(toCaptchala).toEqual([])
    expect(await statusOf(page)).toBe('idle')
    await page.locator('input[name=email]').focus()
    await widgetReady(page)
    expect(toCaptchala).toContain('/captchala.js')
    await page.close()
  })

  it("'interaction': a double click as the first touch loads, then sends one token to one validation", async () => {
    logs = []
    const { page, toCaptchala, submissions } = await openPage('when=interaction')
    expect(toCaptchala).toEqual([])
    expect(await doubleClickSend(page)).toBe('ok')
    expect(submissions).toHaveLength(1)
    expect(validations()).toEqual([expect.objectContaining({ result: 'ok' })])
    await page.close()
  })

  it("'visible': nothing to CaptchaLa's host while the form is below the fold; scrolled into view, it loads", async () => {
    const { page, toCaptchala } = await openPage('when=visible&fold')
    expect(toCaptchala).toEqual([])
    expect(await statusOf(page)).toBe('idle')
    await page.locator('#login').scrollIntoViewIfNeeded()
    await widgetReady(page)
    expect(toCaptchala).toContain('/captchala.js')
    logs = []
    expect(await doubleClickSend(page)).toBe('ok')
    expect(validations()).toEqual([expect.objectContaining({ result: 'ok' })])
    await page.close()
  })

  it("Trusted Types: under `require-trusted-types-for 'script'; trusted-types captchala` the SDK loads and passes, its worker too", async () => {
    logs = []
    const csp = "require-trusted-types-for 'script'; trusted-types captchala"
    const { page, problems, workers } = await openPage(`csp=${encodeURIComponent(csp)}`)
    expect(await doubleClickSend(page)).toBe('ok')
    expect(validations()).toEqual([expect.objectContaining({ result: 'ok' })])
    // The proof of work ran in the SDK's blob: worker (through the kit's policy), not on the page.
    expect(workers()).toBeGreaterThan(0)
    expect(problems).toEqual([])
    await page.close()
  })

  it('Trusted Types: a page that makes its own policy passes it as loader.trustedTypesPolicy', async () => {
    logs = []
    const csp = "require-trusted-types-for 'script'; trusted-types mine"
    const { page, problems } = await openPage(`ownPolicy&csp=${encodeURIComponent(csp)}`)
    expect(await doubleClickSend(page)).toBe('ok')
    expect(validations()).toEqual([expect.objectContaining({ result: 'ok' })])
    expect(problems).toEqual([])
    await page.close()
  })

  it('Trusted Types: a CSP that does not allow the captchala policy is script_blocked, says the fix, and is not retried', async () => {
    const csp = "require-trusted-types-for 'script'; trusted-types other"
    const { page, toCaptchala } = await openPage(`csp=${encodeURIComponent(csp)}`)
    await page.waitForFunction(
      () =>
        (window as unknown as { captcha: { getSnapshot(): { status: string } } }).captcha.getSnapshot()
          .status === 'error',
      null,
      { timeout: 0 },
    )
    const error = await errorOf(page)
    expect(error?.code).toBe('script_blocked')
    expect(error?.message).toContain('trusted-types captchala')
    expect(error?.message).toContain('loader.trustedTypesPolicy')
    // Refused before any request, once: no host asked, no pass over the hosts again.
    expect(toCaptchala).toEqual([])
    await page.close()
  })
})
