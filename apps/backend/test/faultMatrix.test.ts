// "Verification failed" is one of a few causes: each row of this matrix makes one of them happen for real (a
// browser in Chromium, the emulator, the reference backend) and checks that the browser's error or the
// server's result names its category, that the server's record carries the token id the browser's events
// named, and that no record holds a secret or a token.
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { startEmulator } from '@captchala/emulator'
import { launchChromium } from '@captchala/kit-testing/chromium'
import { emulatorControl } from '@captchala/kit-testing/emulator-control'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createBackend, readConfig } from '../src/index'
import { PUBLISHED_CORE_MODULE } from './publishedCore'

type Browser = Awaited<ReturnType<typeof launchChromium>>
type Page = Awaited<ReturnType<Browser['newPage']>>
type Backend = Awaited<ReturnType<typeof createBackend>>
type Log = Record<string, unknown> & { msg?: string; call?: string; token?: { id: string } | null }

/** What the page records of the core's events: the token ids it named, and its errors with their category. */
interface Trail {
  tokenIds: string[]
  errors: { code: string; sdkCode?: string; category: string }[]
}

const SECRETS = ['demo_secret', 'test_secret']
/** A loaded machine starts Chromium and its pages slowly: no row may fail for that. */
const ROW_TIMEOUT_MS = 300_000

let emu: Awaited<ReturnType<typeof startEmulator>>
let browser: Browser
let pages: Server
let logs: Log[] = []
const backends: Backend[] = []
const { advanceClock, faults, reset } = emulatorControl(() => emu.url)

const origin = (server: { address(): AddressInfo | string | null }) =>
  `http://127.0.0.1:${(server.address() as AddressInfo).port}`

// One page: the core from its published build, one captcha, its events kept as a trail. `?csp` serves it
// under a Content-Security-Policy that lets no CaptchaLa script in.
function pageHtml(url: URL) {
  const appKey = url.searchParams.get('appKey') ?? 'demo_app'
  const product = url.searchParams.get('product') ?? 'invisible'
  return `<!doctype html><html lang="en"><head><title>matrix</title></head><body><div id="widget"></div>
<script type="module" nonce="n0nce">
import { createCaptcha } from '/core.js'
window.trail = { tokenIds: [], errors: [] }
const captcha = createCaptcha({
  appKey: ${JSON.stringify(appKey)},
  product: ${JSON.stringify(product)},
  action: 'login',
  loader: { src: ${JSON.stringify(emu.url)}, retries: 0 },
  onEvent(event) {
    if (event.token) window.trail.tokenIds.push(event.token.id)
    if (event.type === 'error') {
      const { code, sdkCode } = event.error
      window.trail.errors.push({ code, sdkCode, category: event.category })
    }
  },
})
captcha.mount(document.getElementById('widget'))
window.matrix = captcha
</script></body></html>`
}

async function servePages() {
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1')
    if (url.pathname === '/core.js') {
      response.writeHead(200, { 'content-type': 'text/javascript' }).end(PUBLISHED_CORE_MODULE)
      return
    }
    const csp = url.searchParams.has('csp')
      ? { 'content-security-policy': "script-src 'self' 'nonce-n0nce'" }
      : {}
    response.writeHead(200, { 'content-type': 'text/html', ...csp }).end(pageHtml(url))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return server
}

async function startBackend(env: Record<string, string> = {}) {
  const app = await createBackend(
    readConfig({ CAPTCHALA_BASE_URL: emu.url, PORT: '0', CAPTCHALA_BREAKER_FAILURES: '1000000', ...env }),
    { logger: { level: 'info', stream: { write: (line: string) => logs.push(JSON.parse(line)) } } },
  )
  await app.listen({ port: 0, host: '127.0.0.1' })
  backends.push(app)
  return app
}

async function submit(app: Backend, action: string, token?: string) {
  const response = await fetch(`${origin(app.server)}/api/${action}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(token === undefined ? {} : { captchala_token: token }),
  })
  return (await response.json()) as { ok: boolean; error?: string; category?: string; tokenId?: string }
}

async function openPage(query = ''): Promise<Page> {
  const page = await browser.newPage()
  await page.goto(`${origin(pages)}/?${query}`)
  return page
}
const trailOf = (page: Page) => page.evaluate(() => (window as unknown as { trail: Trail }).trail)
// A token from the page, as a visitor's submission would carry it.
const tokenFrom = (page: Page) =>
  page.evaluate(() => (window as unknown as { matrix: { getToken(): Promise<string> } }).matrix.getToken())
// The error the page's captcha ended in, once it has one.
async function errorOf(page: Page) {
  await page.waitForFunction(() => (window as unknown as { trail: Trail }).trail.errors.length > 0, null, {
    timeout: 0,
  })
  return (await trailOf(page)).errors[0]!
}
const validations = () => logs.filter((line) => line.msg === 'captchala' && line.call === 'validate')

/** The row's server record: the one validation logged, with the browser's token id. */
async function expectRecord(page: Page, token: string, category: string) {
  const [record] = validations()
  expect(record).toMatchObject({ category, token: { id: expect.any(String) } })
  expect((await trailOf(page)).tokenIds).toContain(record!.token!.id)
  expectNothingSecret(token)
}

function expectNothingSecret(...tokens: string[]) {
  const text = JSON.stringify(logs)
  for (const secret of SECRETS) expect(text).not.toContain(secret)
  for (const token of tokens) expect(text).not.toContain(token.slice(3))
}

beforeAll(async () => {
  emu = await startEmulator({ port: 0, powDifficulty: 10 })
  pages = await servePages()
  browser = await launchChromium()
}, ROW_TIMEOUT_MS)
afterAll(async () => {
  for (const app of backends) await app.close()
  await browser?.close()
  pages?.close()
  await emu?.close()
})
beforeEach(async () => {
  logs = []
  await reset()
})

describe('the fault matrix: each cause, named in the browser and the server record', {
  timeout: ROW_TIMEOUT_MS,
}, () => {
  let backend: Backend
  beforeAll(async () => {
    backend = await startBackend()
  })

  describe('token', () => {
    it('an expired token', async () => {
      const page = await openPage()
      const token = await tokenFrom(page)
      await advanceClock(3_600_000)
      expect(await submit(backend, 'login', token)).toMatchObject({
        error: 'token_expired',
        category: 'token',
      })
      await expectRecord(page, token, 'token')
    })

    it('a token used twice (a raw resubmit)', async () => {
      const page = await openPage()
      const token = await tokenFrom(page)
      expect(await submit(backend, 'login', token)).toMatchObject({ ok: true })
      const again = await submit(backend, 'login', token)
      expect(again).toMatchObject({ error: 'token_already_used', category: 'token' })
      expect((await trailOf(page)).tokenIds).toContain(again.tokenId)
      expect(validations()[1]).toMatchObject({ code: 'token_already_used', token: { id: again.tokenId } })
      expectNothingSecret(token)
    })

    it('a missing token', async () => {
      expect(await submit(backend, 'login')).toMatchObject({ error: 'empty_token', category: 'token' })
      expect(validations()).toEqual([expect.objectContaining({ category: 'token', token: null })])
    })

    it('a token made for another action', async () => {
      const page = await openPage()
      const token = await tokenFrom(page)
      expect(await submit(backend, 'checkout', token)).toMatchObject({
        error: 'token_action_mismatch',
        category: 'token',
      })
      await expectRecord(page, token, 'token')
    })
  })

  describe('config', () => {
    it('a secret of another app: check appSecret', async () => {
      const mismatched = await startBackend({ CAPTCHALA_APP_SECRET: 'test_secret' })
      const page = await openPage()
      const token = await tokenFrom(page)
      expect(await submit(mismatched, 'login', token)).toMatchObject({
        error: 'invalid_app_secret',
        category: 'config',
      })
      await expectRecord(page, token, 'config')
      expect(validations()[0]?.fix).toMatch(/check appSecret/)
    })

    it('a key the emulator does not know: it says it is the emulator', async () => {
      const unknown = await startBackend({
        CAPTCHALA_APP_KEY: 'live_key_1',
        CAPTCHALA_APP_SECRET: 'live_secret_1',
      })
      const page = await openPage()
      const token = await tokenFrom(page)
      expect(await submit(unknown, 'login', token)).toMatchObject({
        error: 'invalid_app_key',
        category: 'config',
      })
      await expectRecord(page, token, 'config')
      expect(validations()[0]).toMatchObject({
        answeredBy: 'emulator',
        fix: expect.stringMatching(/is the local CaptchaLa emulator/),
      })
      expect(JSON.stringify(logs)).not.toContain('live_secret_1')
    })

    it('the emulator`s keys sent to a service that is not the emulator', async () => {
      // A stand-in for CaptchaLa: it knows no key, and does not carry the emulator's mark.
      const standIn = createServer((_request, response) =>
        response
          .writeHead(401, { 'content-type': 'application/json' })
          .end(JSON.stringify({ code: 1, msg: 'invalid_app_key', data: { error: 'invalid_app_key' } })),
      )
      await new Promise<void>((resolve) => standIn.listen(0, '127.0.0.1', resolve))
      try {
        const elsewhere = await startBackend({ CAPTCHALA_BASE_URL: origin(standIn) })
        const page = await openPage()
        const token = await tokenFrom(page)
        expect(await submit(elsewhere, 'login', token)).toMatchObject({
          error: 'invalid_app_key',
          category: 'config',
        })
        await expectRecord(page, token, 'config')
        expect(validations()[0]).toMatchObject({
          answeredBy: 'captchala',
          fix: expect.stringMatching(/"demo_app" is the local emulator's, and .* is not the emulator/),
        })
      } finally {
        standIn.close()
      }
    })
  })

  describe('loading', () => {
    it('the script host is down', async () => {
      await faults({ scripts: 'down' })
      expect(await errorOf(await openPage())).toMatchObject({
        code: 'script_load_failed',
        category: 'loading',
      })
    })

    it('a Content-Security-Policy blocks the script', async () => {
      expect(await errorOf(await openPage('csp'))).toMatchObject({
        code: 'script_blocked',
        category: 'loading',
      })
    })

    it('an ad blocker aborts the script request', async () => {
      const page = await browser.newPage()
      await page.route(/captchala[^/]*\.js/, (route) => route.abort('blockedbyclient'))
      await page.goto(`${origin(pages)}/`)
      expect(await errorOf(page)).toMatchObject({ code: 'script_load_failed', category: 'loading' })
    })
  })

  describe('request, upstream', () => {
    it('CaptchaLa answers 400 to the request itself', async () => {
      const page = await openPage()
      const token = await tokenFrom(page)
      await faults({ main: 'error400' })
      expect(await submit(backend, 'login', token)).toMatchObject({
        error: 'request_rejected',
        category: 'request',
      })
      await expectRecord(page, token, 'request')
    })

    it.each(['down', 'html'])('CaptchaLa %s', async (mode) => {
      const page = await openPage()
      const token = await tokenFrom(page)
      await faults({ main: mode })
      expect(await submit(backend, 'checkout', token)).toMatchObject({ category: 'upstream' })
      await expectRecord(page, token, 'upstream')
      expect(validations()[0]).toMatchObject({ result: 'unavailable' })
    })
  })

  describe('visitor', () => {
    it('the visitor closes the challenge', async () => {
      const page = await openPage('appKey=test_pass_challenge&product=popup')
      // Closing is no error event: the call that asked for the challenge is refused with it.
      const refusal = page.evaluate(() =>
        (window as unknown as { matrix: { execute(): Promise<string> } }).matrix
          .execute()
          .then(null, ({ code, category }) => ({ code, category })),
      )
      await page.locator('.captchala-close').click({ timeout: 0 })
      expect(await refusal).toEqual({ code: 'challenge_closed', category: 'visitor' })
    })

    it('the visitor is refused', async () => {
      const page = await openPage('appKey=test_block')
      void page.evaluate(() =>
        (window as unknown as { matrix: { execute(): Promise<string> } }).matrix.execute().catch(() => {}),
      )
      expect(await errorOf(page)).toMatchObject({ sdkCode: 'risk_rejected', category: 'visitor' })
    })
  })

  describe('policy', () => {
    it('a degraded token under the default policy', async () => {
      await faults({ quotaExhausted: true })
      const page = await openPage()
      const token = await tokenFrom(page)
      expect(token.startsWith('dg_')).toBe(true)
      expect(await submit(backend, 'login', token)).toMatchObject({
        error: 'degraded_rejected',
        category: 'policy',
      })
      await expectRecord(page, token, 'policy')
    })
  })
})
