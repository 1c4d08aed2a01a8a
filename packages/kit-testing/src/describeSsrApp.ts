import { mkdirSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { axeViolations } from './axe'
import { emulatorControl } from './emulatorControl'
import { type EngineBrowser, type EnginePage, enginesToRun, launchEngine, PROBLEMS_LISTENER } from './engines'
import { freePort, run, stopAll } from './processes'

/** The part of `@captchala/emulator` the suite uses (handed in: the emulator's own tests use this package). */
interface Emulator {
  url: string
  close(): Promise<void>
}

/** How to start one server-rendered example from its production build. */
export interface SsrApp {
  /** `startEmulator` of `@captchala/emulator` */
  startEmulator(options: { port: number; powDifficulty: number }): Promise<Emulator>
  /** `next`, `nuxt`: names the screenshots' folder, test-results/<name>/<engine>/ */
  name: string
  /** the command, its arguments and its environment, to listen on `port` and use the emulator at `emulatorUrl` */
  command(port: number, emulatorUrl: string): { command: string; args: string[]; env: Record<string, string> }
  /** output that says the server listens */
  ready: RegExp
  /** how the example calls its server-side verification: `Route Handler`, `server route`, ... */
  loginRoute: string
  subscribeRoute: string
}

/** The start of a record's JSON from `@captchala/server`'s `recordsToConsole`. */
const RECORD_LINE = '{"msg":"captchala"'

/** What this suite reads of a record. */
interface Verdict {
  call: string
  expectedAction: string | null
  result: 'ok' | 'refused' | 'unavailable'
  code: string | null
  category: string | null
  token: { id: string; type: string } | null
}

/**
 * The URLs the page posted to: the engine's own network log where its driver has one (it sees failed and
 * refused requests too), else the page's Resource Timing (WebKit's WebDriver sees no network; the entries
 * are of the loads that completed, and here every fetch the suite counts is a post).
 */
const postedUrls = async (page: EnginePage) =>
  page.requests
    ? page.requests.filter((request) => request.method === 'POST').map((request) => request.url)
    : page.run<string[]>("performance.getEntriesByType('resource').map((entry) => entry.name)")

/** The URLs of every request the page made, by the same sources as `postedUrls`. */
const requestedUrls = async (page: EnginePage) =>
  page.requests
    ? page.requests.map((request) => request.url)
    : page.run<string[]>("performance.getEntriesByType('resource').map((entry) => entry.name)")

/**
 * The end-to-end suite both server-rendered examples (Next.js, Nuxt) must pass, from their production builds,
 * in Chromium, Firefox and WebKit against a real emulator: the page is rendered on the server and hydrates
 * without a warning; a fast double click on either form gives one validation on the server, which accepts the
 * token; a forged, replayed or missing token is refused while CaptchaLa is healthy. Both examples have the same
 * two forms (`login` through a JSON endpoint, `subscribe` through a native form post) and log each validation
 * as the server SDK's record (one JSON line), which this suite counts.
 */
export function describeSsrApp(app: SsrApp) {
  let emulator: Emulator
  let base = ''
  const verdicts: Verdict[] = []

  beforeAll(async () => {
    emulator = await app.startEmulator({ port: 0, powDifficulty: 10 })
    const port = await freePort()
    const { command, args, env } = app.command(port, emulator.url)
    const server = run(command, args, env, app.ready)
    // The server SDK's records, one JSON line each: a pass on stdout (console.info), the rest on stderr.
    for (const stream of [server.child.stdout!, server.child.stderr!]) {
      let pending = ''
      stream.on('data', (chunk: Buffer) => {
        const lines = (pending + chunk).split('\n')
        pending = lines.pop() ?? ''
        for (const line of lines) {
          const start = line.indexOf(RECORD_LINE)
          if (start >= 0) verdicts.push(JSON.parse(line.slice(start)))
        }
      })
    }
    await server.started
    base = `http://127.0.0.1:${port}`
  })
  afterAll(async () => {
    stopAll()
    await emulator?.close()
  })

  const verdictsFor = (action: string) =>
    verdicts.filter((verdict) => verdict.call === 'validate' && verdict.expectedAction === action)

  it('renders the page on the server, forms and widgets included', async () => {
    const html = await (await fetch(base)).text()
    expect(html).toContain('data-testid="login"')
    expect(html).toContain('data-testid="subscribe"')
    expect(html).toContain('Rendered on the server')
  })

  for (const engine of enginesToRun()) {
    describe(engine, () => {
      let browser: EngineBrowser
      const shots = `test-results/${app.name}/${engine}`
      beforeAll(async () => {
        browser = await launchEngine(engine)
        mkdirSync(shots, { recursive: true })
      })
      afterAll(async () => {
        await browser?.close()
      })

      /**
       * A page that records every error and warning it prints: the page's own listener, loaded before the
       * page's scripts where the driver can (in WebKit, once the page has loaded), and the driver's console.
       */
      async function openPage() {
        const page = await browser.newPage({
          viewport: { width: 900, height: 900 },
          preload: PROBLEMS_LISTENER,
        })
        await page.goto(base)
        return page
      }
      const hydrated = (page: EnginePage) => page.waitFor('[data-hydrated=true]')
      /** the form's result, once it says anything */
      async function resultOf(page: EnginePage, testId: string) {
        await page.waitFor(`[data-testid="${testId}"]`, { text: /\S/ })
        return page.text(`[data-testid="${testId}"]`)
      }
      /** a page with no problem: the console's errors and warnings in the engines whose driver reports them */
      const expectNoProblems = async (page: EnginePage) => expect(await page.problems()).toEqual([])

      it(`hydrates without a warning; a fast double click logs in with one validation (${app.loginRoute})`, async () => {
        const page = await openPage()
        await hydrated(page)
        // Issue 23: the page as rendered and hydrated, widgets and the kit's status regions included: nothing
        // serious or critical for axe; and again once the form answered.
        expect(await axeViolations(page)).toEqual([])
        const before = verdictsFor('login').length
        await page.click('button', { count: 2, text: 'Log in' })
        expect(await resultOf(page, 'login-result')).toMatch(/Welcome back, ada@example.com/)
        await page.screenshot(`${shots}/login.png`)
        expect(await axeViolations(page)).toEqual([])
        expect((await postedUrls(page)).filter((url) => new URL(url).pathname === '/api/login')).toHaveLength(
          1,
        )
        const fetched = await requestedUrls(page)
        // where the page asked for CaptchaLa's script: the emulator only, or the app's loader setting is ignored
        const scriptOrigins = new Set(
          fetched
            .filter((url) => /\/captchala(-loader)?\.js$/.test(new URL(url).pathname))
            .map((url) => new URL(url).origin),
        )
        expect([...scriptOrigins]).toEqual([new URL(emulator.url).origin])
        expect(verdictsFor('login').slice(before)).toEqual([
          expect.objectContaining({ result: 'ok', token: expect.objectContaining({ type: 'pass' }) }),
        ])
        await expectNoProblems(page)
        await page.close()
      })

      it(`a fast double click subscribes with one validation (${app.subscribeRoute})`, async () => {
        const page = await openPage()
        await hydrated(page)
        const before = verdictsFor('subscribe').length
        await page.click('button', { count: 2, text: 'Subscribe' })
        expect(await resultOf(page, 'subscribe-result')).toMatch(/Subscribed ada@example.com/)
        await page.screenshot(`${shots}/subscribe.png`)
        expect(verdictsFor('subscribe').slice(before)).toEqual([
          expect.objectContaining({ result: 'ok', token: expect.objectContaining({ type: 'pass' }) }),
        ])
        await expectNoProblems(page)
        await page.close()
      })

      // Issue 22: the form's hidden input used to hand the token the server had just consumed to the next
      // submission (a Server Action or a FormData post leaves no page load behind to clear it).
      it(`subscribes twice in a row without a reload: a challenge before each, two validations (${app.subscribeRoute})`, async () => {
        const page = await openPage()
        await hydrated(page)
        const before = verdictsFor('subscribe').length
        const subscribe = { text: 'Subscribe' }
        const validations = () => verdictsFor('subscribe').slice(before)
        const validated = (count: number) =>
          page.until(
            async () => validations().length,
            (n) => n === count,
            `validation ${count} of the subscription`,
          )
        await page.click('button', subscribe)
        await validated(1)
        expect(await resultOf(page, 'subscribe-result')).toMatch(/Subscribed ada@example.com/)
        // Spent as the form left (not waited for: the token's own expiry would empty the input too).
        expect(await page.value('[data-testid=subscribe] input[name=captchala_token]')).toBe('')
        await page.click('button', subscribe)
        await validated(2)
        expect(validations()).toEqual([
          expect.objectContaining({ result: 'ok', token: expect.objectContaining({ type: 'pass' }) }),
          expect.objectContaining({ result: 'ok', token: expect.objectContaining({ type: 'pass' }) }),
        ])
        expect(await resultOf(page, 'subscribe-result')).toMatch(/Subscribed ada@example.com/)
        // a challenge answered before each submission
        const answers = (await postedUrls(page)).filter((url) => new URL(url).pathname === '/v1/sdk/answer')
        expect(answers).toHaveLength(2)
        await page.screenshot(`${shots}/subscribe-twice.png`)
        await expectNoProblems(page)
        await page.close()
      })
    })
  }

  it('refuses forged, replayed and missing tokens while CaptchaLa is healthy, with 4xx JSON', async () => {
    const login = (body: string, type = 'application/json') =>
      fetch(`${base}/api/login`, { method: 'POST', headers: { 'content-type': type }, body })
    const token = await emulatorControl(() => emulator.url).mint()
    const real = JSON.stringify({ captchala_token: token })
    expect((await login(real)).status).toBe(200)
    const attempts = {
      replayed: real,
      forgedClientOnly: JSON.stringify({ captchala_token: 'client_forged_while_healthy' }),
      forgedOffline: JSON.stringify({ captchala_token: `offline_${'f'.repeat(40)}` }),
      missing: JSON.stringify({ email: 'ada@example.com' }),
      notJson: '{"captchala_token":',
    }
    for (const [name, body] of Object.entries(attempts)) {
      const response = await login(body)
      expect({ name, status: response.status }).toEqual({ name, status: 403 })
      expect(await response.json()).toMatchObject({ ok: false, error: expect.any(String) })
    }
    // Each refusal is logged with its cause, and no record holds a token.
    const refusals = () => verdictsFor('login').filter(({ result }) => result !== 'ok')
    await expect.poll(() => refusals().length, { timeout: 60_000, interval: 100 }).toBe(5)
    expect(refusals().map(({ result, code, category }) => [result, code, category])).toEqual([
      ['refused', 'token_already_used', 'token'],
      ['refused', 'client_only_rejected', 'policy'],
      ['refused', 'outage_not_seen', 'policy'],
      ['refused', 'empty_token', 'token'],
      ['refused', 'empty_token', 'token'],
    ])
    expect(JSON.stringify(verdicts)).not.toContain(token.slice(3))
  })
}
