import { mkdirSync } from 'node:fs'
import { createBackend, readConfig } from '@captchala/backend-example'
import { visitorMessage, visitorWordsFor } from '@captchala/core'
import { type Emulator, startEmulator } from '@captchala/emulator'
import { axeViolations } from '@captchala/kit-testing/axe'
import { launchChromium, solveSlide } from '@captchala/kit-testing/chromium'
import { emulatorControl } from '@captchala/kit-testing/emulator-control'
import type { Browser, Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, expect, it, onTestFailed } from 'vitest'
import '../src/languages'
import type { Framework } from '../src/codeSample'
import { LANGUAGES, STORIES } from '../src/stories'
import { HEALTHY } from '../src/switches'

type Backend = Awaited<ReturnType<typeof createBackend>>
type Log = Record<string, unknown> & {
  event?: string
  requestId?: string
  result?: string
  tokenType?: string
}

/** What a story's driver has at hand: the page, and what the page, the backend and the emulator saw. */
interface StoryRun {
  page: Page
  /** requests for the SDK's script, failed or not */
  scriptRequests: string[]
  /** form posts and fetches to the backend's form endpoints */
  formPosts: string[]
  /** the backend's verification log lines */
  verifications: () => Log[]
  /** submits a form, waits for its result, and checks that the backend's log agrees with it */
  submit(
    action: string,
    expected: { outcome: 'ok' | 'refused' | 'error'; code?: string; tokenType?: string },
  ): Promise<void>
}

// The form's result, read from the attributes both apps put on it.
async function resultOf(page: Page, action: string) {
  const result = page.getByTestId(`result-${action}`)
  await result.waitFor(ON_A_LOADED_MACHINE)
  return {
    outcome: await result.getAttribute('data-outcome'),
    code: await result.getAttribute('data-code'),
    requestId: await result.getAttribute('data-request-id'),
    tokenId: await result.getAttribute('data-token-id'),
    tokenType: await result.getAttribute('data-token-type'),
    text: await result.textContent(),
  }
}

/**
 * How long a step that waits for the page may take: sized for a 2-core CI machine with another job on one
 * core (a 5 s wait once failed there), well inside the test's own timeout.
 */
const ON_A_LOADED_MACHINE = { timeout: 45_000 }

const rows = (page: Page, type: string) => page.locator(`[data-testid=panel] tr[data-type="${type}"]`)

/** The passes the loader makes over its hosts by default (one, and two retries): one load's attempts. */
const PASSES_OF_ONE_LOAD = 3

/**
 * A script that cannot load, with each product: the visitor's click is answered in the form's own result
 * (the visitor's words for a loading failure; withToken refused with the load's error), each click once, and
 * the kit requests the script again only where a request could help: never for a URL the page's policy
 * refused, one load's attempts per click for a host that is down.
 */
const scriptCannotLoad =
  (code: 'script_blocked' | 'script_load_failed') =>
  async ({ page, formPosts, scriptRequests }: StoryRun) => {
    for (const action of ['login', 'signup', 'contact']) {
      // The load the page made at mount failed first: what follows is the visitor's click after it.
      await page.getByTestId(`status-${action}`).filter({ hasText: 'error' }).waitFor(ON_A_LOADED_MACHINE)
      const requested = await rows(page, 'script:requested').count()
      const onTheWire = scriptRequests.length
      const errors = await rows(page, 'error').count()
      await page.getByTestId(`submit-${action}`).click()
      const result = await resultOf(page, action)
      expect(result).toMatchObject({ outcome: 'error', code })
      expect(result.text).toBe(visitorMessage({ code }, 'en'))
      const requestedForTheClick = (await rows(page, 'script:requested').count()) - requested
      expect(requestedForTheClick).toBe(code === 'script_blocked' ? 0 : PASSES_OF_ONE_LOAD)
      // What the browser itself sent agrees: a refused script never reaches the network.
      expect(scriptRequests.length - onTheWire).toBe(requestedForTheClick)
      expect((await rows(page, 'error').count()) - errors).toBe(1)
    }
    expect(formPosts).toEqual([])
  }

/** How each story is played and what it must end in; every story has one, in both apps. */
const DRIVERS: Record<string, (run: StoryRun) => Promise<void>> = {
  'script-blocked-csp': scriptCannotLoad('script_blocked'),
  'script-blocked-trusted-types': scriptCannotLoad('script_blocked'),
  'script-down': scriptCannotLoad('script_load_failed'),
  'invisible-login': async ({ page, submit }) => {
    await submit('login', { outcome: 'ok', tokenType: 'pass' })
    expect(await page.locator('.captchala-overlay, [role=slider]').count()).toBe(0)
  },
  'popup-signup-server-token': async ({ page, submit }) => {
    await submit('signup', { outcome: 'ok', tokenType: 'pass' })
    expect(await rows(page, 'server_token:received').count()).toBeGreaterThan(0)
  },
  'float-comment': ({ submit }) => submit('comment', { outcome: 'ok', tokenType: 'pass' }),
  'embed-contact': async ({ page, submit }) => {
    // Ticked first, then sent: the token already held is the one that goes.
    await page.locator('[data-testid=form-contact] .captchala-trigger').click()
    await page.getByTestId('status-contact').filter({ hasText: 'passed' }).waitFor()
    await submit('contact', { outcome: 'ok', tokenType: 'pass' })
    // The token sent is the one ticked for: no challenge ran between the pass and the submission.
    const types = await page
      .locator('[data-testid=panel] tr[data-type]')
      .evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-type')))
    expect(types.slice(types.indexOf('passed'), types.indexOf('submit:started'))).not.toContain(
      'challenge:started',
    )
  },
  'slide-challenge': async ({ page, submit }) => {
    const solving = (async () => {
      const { target, reached } = await solveSlide(page)
      expect(reached).toBe(target)
    })()
    await submit('login', { outcome: 'ok', tokenType: 'pass' })
    await solving
  },
  blocked: async ({ page, formPosts, verifications }) => {
    await page.getByTestId('submit-login').click()
    const result = await resultOf(page, 'login')
    expect(result).toMatchObject({ outcome: 'error', code: 'risk_rejected' })
    // The visitor's words for the cause (visitorMessage), not the SDK's or a developer's message.
    expect(result.text).toBe(visitorMessage({ code: 'risk_rejected' }, 'en'))
    expect(formPosts).toEqual([])
    expect(verifications()).toEqual([])
  },
  'double-submit': async ({ page, formPosts, verifications }) => {
    await page.getByTestId('status-login').filter({ hasText: 'ready' }).waitFor()
    // Three clicks in one task: faster than any person, and before any re-render could disable anything.
    await page.getByTestId('submit-login').evaluate((button: HTMLElement) => {
      button.click()
      button.click()
      button.click()
    })
    const result = await resultOf(page, 'login')
    expect(result.outcome).toBe('ok')
    expect(formPosts).toEqual(['/api/login'])
    expect(verifications()).toHaveLength(1)
    expect(await rows(page, 'submit:joined').count()).toBe(2)
  },
  'expiry-refresh': async ({ page, submit, verifications }) => {
    await page.locator('[data-testid=form-login] .captchala-trigger').click()
    // Tokens live 8 s: the kit replaces the token in the background before it runs out.
    await rows(page, 'refreshed').first().waitFor(ON_A_LOADED_MACHINE)
    expect(await rows(page, 'expired').count()).toBe(0)
    expect(Number(await page.getByTestId('refreshes').textContent())).toBeGreaterThan(0)
    await submit('login', { outcome: 'ok', tokenType: 'pass' })
    expect(verifications().map((l) => l.result)).toEqual(['ok'])
  },
  'script-fallback-host': async ({ page, scriptRequests, submit }) => {
    await submit('login', { outcome: 'ok', tokenType: 'pass' })
    expect(scriptRequests).toHaveLength(2)
    expect(scriptRequests[0]).toMatch(/\/no-such-host\/captchala\.js$/)
    expect(await rows(page, 'script:failed').count()).toBe(1)
    expect(await rows(page, 'script:loaded').count()).toBe(1)
  },
  'offline-fallback': ({ submit }) => submit('login', { outcome: 'ok', tokenType: 'offline' }),
  'client-only-fallback': async ({ submit }) => {
    await submit('login', { outcome: 'ok', tokenType: 'client' })
    await submit('checkout', { outcome: 'refused', code: 'client_only_rejected' })
  },
  degraded: async ({ page, submit }) => {
    await submit('login', { outcome: 'refused', code: 'degraded_rejected' })
    expect(await page.getByTestId('result-login').textContent()).toMatch(/limited right now/)
  },
  'multiple-widgets': async ({ scriptRequests, submit }) => {
    for (const action of ['login', 'signup', 'comment'])
      await submit(action, { outcome: 'ok', tokenType: 'pass' })
    expect(scriptRequests).toHaveLength(1)
  },
  languages: async ({ page, submit }) => {
    const label = page.locator('[data-testid=form-contact] .captchala-label')
    await rows(page, 'widget:ready').first().waitFor()
    const english = await label.textContent()
    const challenges = await rows(page, 'challenge:started').count()
    await page.getByTestId('lang').selectOption('ja')
    await expect.poll(() => label.textContent(), ON_A_LOADED_MACHINE).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/)
    await page.getByTestId('lang').selectOption('ko')
    await expect.poll(() => label.textContent(), ON_A_LOADED_MACHINE).toMatch(/[\uac00-\ud7af]/)
    await page.getByTestId('lang').selectOption('en')
    await expect.poll(() => label.textContent(), ON_A_LOADED_MACHINE).toBe(english)
    // In place: no new widget, no new script, no new challenge.
    expect(await rows(page, 'widget:ready').count()).toBe(1)
    expect(await rows(page, 'challenge:started').count()).toBe(challenges)
    await page.getByTestId('lang').selectOption('ja')
    await submit('contact', { outcome: 'ok', tokenType: 'pass' })
  },
  theme: async ({ page, submit }) => {
    expect(await page.locator('[data-testid=form-comment] .captchala').getAttribute('class')).toMatch(
      /captchala-dark/,
    )
    const accent = await page
      .locator('[data-testid=form-contact] .captchala')
      .evaluate((el: HTMLElement) => el.style.getPropertyValue('--captchala-accent'))
    expect(accent).toBe('#c2185b')
    await submit('comment', { outcome: 'ok', tokenType: 'pass' })
    await submit('contact', { outcome: 'ok', tokenType: 'pass' })
  },
  'native-form': async ({ page, formPosts, verifications }) => {
    const form = page.getByTestId('form-contact')
    await form.locator('.captchala-trigger').click()
    await expect
      .poll(() => form.locator('input[name=captchala_token]').inputValue(), ON_A_LOADED_MACHINE)
      .toMatch(/^pt_/)
    await Promise.all([page.waitForURL(/result=ok/), page.getByTestId('submit-contact').click()])
    const result = await resultOf(page, 'contact')
    expect(result.outcome).toBe('ok')
    expect(formPosts).toEqual(['/api/contact (navigation)'])
    expect(verifications()).toMatchObject([{ requestId: result.requestId, result: 'ok' }])
  },
}

/**
 * Every story of the gallery in Debian's Chromium, against a real emulator and the reference backend serving
 * the built app under its strict CSP: each ends in its expected result, the backend's log agrees, and a
 * screenshot of each is written to `test-results/<framework>/<story>.png`.
 */
export function describeGallery(framework: Framework, distDir: string) {
  let emu: Emulator
  const emulator = emulatorControl(() => emu.url)
  let backend: Backend
  let browser: Browser
  let logs: Log[] = []
  let base = ''
  const shots = `test-results/${framework}`

  beforeAll(async () => {
    emu = await startEmulator({ port: 0, powDifficulty: 10 })
    backend = await createBackend(
      readConfig({ CAPTCHALA_BASE_URL: emu.url, PORT: '0', RATE_LIMIT_MAX: '10000' }),
      {
        logger: { level: 'info', stream: { write: (line: string) => logs.push(JSON.parse(line)) } },
        apps: [{ prefix: `/${framework}/`, dir: distDir }],
      },
    )
    base = await backend.listen({ port: 0, host: '127.0.0.1' })
    browser = await launchChromium()
    mkdirSync(shots, { recursive: true })
  })
  afterAll(async () => {
    await browser?.close()
    await backend?.close()
    await emu?.close()
  })
  afterEach(async () => {
    await emulator.reset()
  })

  it('covers every story', () => {
    expect(Object.keys(DRIVERS).sort()).toEqual(STORIES.map((s) => s.id).sort())
  })

  // Issue 22: the widget kept disabling its own focused button while it verified, which drops the focus to
  // <body>; the galleries' keyboard paths worked only because Tab still reached the submit button.
  it('keyboard only: Tab to the widget, Space, and the focus stays on it until it passes', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } })
    try {
      await page.goto(`${base}/${framework}/#/embed-contact`)
      const trigger = page.locator('[data-testid=form-contact] .captchala-trigger')
      await trigger.waitFor(ON_A_LOADED_MACHINE)
      const focused = () => trigger.evaluate((element) => element === document.activeElement)
      for (let tabs = 0; tabs < 80 && !(await focused()); tabs++) await page.keyboard.press('Tab')
      expect(await focused()).toBe(true)
      await page.keyboard.press('Space')
      const widget = trigger.locator('xpath=..')
      await expect.poll(() => widget.getAttribute('data-state'), ON_A_LOADED_MACHINE).toBe('passed')
      expect(await focused()).toBe(true)
      expect(await trigger.getAttribute('aria-busy')).toBe('false')
      await page.screenshot({ path: `${shots}/keyboard-only.png` })
    } finally {
      await page.close()
    }
  })

  // Issue 24: the devtools panel (@captchala/devtools) in place of the galleries' own: each trail names its
  // cause, the server's verdict sits beside the browser's rows of the same token id, and axe finds nothing
  // serious in it.
  it('devtools: the trail of a pass, a closed challenge, a blocked script and a refused submission', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } })
    const panel = page.getByTestId('panel')
    const row = (type: string) => panel.locator(`tr[data-type="${type}"]`)
    const open = async (story: string) => {
      await page.goto(`${base}/${framework}/#/${story}`)
      await page.getByTestId('story').waitFor()
      // A story's page is a new document: wait for its panel to be drawn.
      await panel.locator('tbody').waitFor({ state: 'attached' })
    }
    const shot = (name: string) => panel.screenshot({ path: `${shots}/devtools-${name}.png` })
    try {
      await open('invisible-login')
      await page.getByTestId('submit-login').click()
      await row('server').waitFor(ON_A_LOADED_MACHINE)
      const passedId = await row('passed').first().getAttribute('data-token-id')
      expect(passedId).toMatch(/^[0-9a-z]{10}$/)
      expect(await row('server').getAttribute('data-token-id')).toBe(passedId)
      expect(await row('server').getAttribute('data-tone')).toBe('ok')
      expect(await row('server').textContent()).toContain(`token id ${passedId} (the login widget's`)
      expect(await panel.locator('li').first().textContent()).toMatch(
        new RegExp(`login: pass token id ${passedId}, spent`),
      )
      expect(await axeViolations(page, 'captchala-devtools')).toEqual([])
      await shot('pass')

      await open('slide-challenge')
      await page.getByTestId('submit-login').click()
      await page.locator('.captchala-close').click(ON_A_LOADED_MACHINE)
      await row('challenge:closed').waitFor(ON_A_LOADED_MACHINE)
      expect(await row('challenge:closed').textContent()).toContain('closed by the visitor')
      await shot('closed')

      await open('script-fallback-host')
      await row('script:loaded').waitFor(ON_A_LOADED_MACHINE)
      expect(await row('script:failed').textContent()).toMatch(/script_[a-z_]+: .*no-such-host/)
      expect(await row('script:failed').getAttribute('data-tone')).toBe('warn')
      await shot('blocked-script')

      await open('degraded')
      await page.getByTestId('submit-login').click()
      await row('server').waitFor(ON_A_LOADED_MACHINE)
      expect(await row('server').getAttribute('data-tone')).toBe('error')
      expect(await row('server').textContent()).toMatch(
        /HTTP 403, policy: degraded_rejected, request \S+, token id [0-9a-z]{10}/,
      )
      expect(await axeViolations(page, 'captchala-devtools')).toEqual([])
      await shot('refused')
    } finally {
      await page.close()
    }
  })

  // Issue 23: the login and the native form, sent with the keyboard alone: Tab to the control, Enter or Space.
  it('keyboard only: the login and the native form complete without a pointer', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } })
    const tabTo = async (target: ReturnType<Page['locator']>) => {
      const focused = () => target.evaluate((element) => element === document.activeElement)
      for (let tabs = 0; tabs < 80 && !(await focused()); tabs++) await page.keyboard.press('Tab')
      expect(await focused()).toBe(true)
    }
    try {
      await page.goto(`${base}/${framework}/#/invisible-login`)
      await page.getByTestId('status-login').filter({ hasText: 'ready' }).waitFor(ON_A_LOADED_MACHINE)
      await tabTo(page.getByTestId('submit-login'))
      await page.keyboard.press('Enter')
      expect(await resultOf(page, 'login')).toMatchObject({ outcome: 'ok', tokenType: 'pass' })

      await page.goto(`${base}/${framework}/#/native-form`)
      await page.getByTestId('story').waitFor()
      const form = page.getByTestId('form-contact')
      await form.locator('.captchala-trigger').waitFor(ON_A_LOADED_MACHINE)
      await tabTo(form.locator('.captchala-trigger'))
      await page.keyboard.press('Space')
      await expect
        .poll(() => form.locator('input[name=captchala_token]').inputValue(), ON_A_LOADED_MACHINE)
        .toMatch(/^pt_/)
      await tabTo(page.getByTestId('submit-contact'))
      await Promise.all([page.waitForURL(/result=ok/, ON_A_LOADED_MACHINE), page.keyboard.press('Enter')])
      expect((await resultOf(page, 'contact')).outcome).toBe('ok')
      await page.screenshot({ path: `${shots}/keyboard-native-form.png` })
    } finally {
      await page.close()
    }
  })

  // Issue 23: what a screen reader hears, read from every live region of the page as it changes: the pass
  // once (the SDK's widget says it), the expiry once (the kit's status region; the page's clock moved past the
  // token's life) and the failure once (the kit's failure state).
  it('live regions: a pass, an expiry and a failure are each announced once', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } })
    await page.clock.install()
    await page.addInitScript(() => {
      const heard: string[] = []
      ;(window as unknown as { heard: string[] }).heard = heard
      const live = '[aria-live]:not([aria-live=off]), [role=status], [role=alert], [role=log]'
      const said = new Map<Element, string>()
      new MutationObserver(() => {
        for (const region of document.querySelectorAll(live)) {
          const text = region.textContent?.trim() ?? ''
          // A region is read when its text changes, not when it arrives with its text: a screen reader
          // often misses those, so they do not count.
          if (said.has(region) && text && text !== said.get(region)) heard.push(text)
          said.set(region, text)
        }
      }).observe(document, { subtree: true, childList: true, characterData: true })
    })
    const heard = () => page.evaluate(() => (window as unknown as { heard: string[] }).heard)
    try {
      await page.goto(`${base}/${framework}/#/native-form`)
      const form = page.getByTestId('form-contact')
      await form.locator('.captchala-trigger').click(ON_A_LOADED_MACHINE)
      await expect
        .poll(() => form.locator('input[name=captchala_token]').inputValue(), ON_A_LOADED_MACHINE)
        .toMatch(/^pt_/)
      // The widget's own region says it ("Verified"); the kit's stays silent.
      await expect.poll(heard, ON_A_LOADED_MACHINE).toContain('Verified')

      await page.clock.fastForward('30:00')
      const expired = visitorWordsFor('en').expired
      await expect.poll(heard, ON_A_LOADED_MACHINE).toContain(expired)

      await emulator.faults({ risk: 'high' })
      await form.locator('.captchala-trigger').click()
      const failed = `${visitorMessage({ code: 'risk_rejected' }, 'en')} ${visitorWordsFor('en').retry}`
      await expect.poll(heard, ON_A_LOADED_MACHINE).toContain(failed)
      await page.screenshot({ path: `${shots}/live-regions.png` })
      const times = (text: string) => heard().then((all) => all.filter((said) => said === text).length)
      expect(await times('Verified')).toBe(1)
      expect(await times(expired)).toBe(1)
      expect(await times(failed)).toBe(1)
    } finally {
      await page.close()
    }
  })

  // Issue 23: in each language CaptchaLa's SDKs speak, the kit's failure state and a refused verdict read in
  // that language (the gallery's page language: `#/<story>?lang=ja`).
  it('every language: the failure state and a refused verdict in the visitor’s words', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } })
    try {
      await emulator.faults({ risk: 'high' })
      for (const lang of LANGUAGES) {
        await page.goto(`${base}/${framework}/#/native-form?lang=${lang}`)
        const form = page.getByTestId('form-contact')
        await form.locator('.captchala-trigger').click(ON_A_LOADED_MACHINE)
        const failure = form.locator('.captchala-status .captchala-failure')
        await failure.waitFor(ON_A_LOADED_MACHINE)
        const words = visitorWordsFor(lang)
        expect(await failure.textContent(), lang).toBe(
          `${visitorMessage({ code: 'risk_rejected' }, lang)} ${words.retry}`,
        )
        expect(await failure.getByRole('button').textContent(), lang).toBe(words.retry)
        // The failure state as drawn, in this language: nothing serious or critical for axe.
        expect(await axeViolations(page, '[data-testid=form-contact]'), lang).toEqual([])
        await form.screenshot({ path: `${shots}/failure-${lang}.png` })
        // A new page for the next language: the hash's query alone would not reload it.
        await page.goto('about:blank')
      }
      await emulator.faults({ risk: 'app' })
      for (const lang of LANGUAGES) {
        await page.goto(`${base}/${framework}/#/degraded?lang=${lang}`)
        await page.getByTestId('submit-login').click(ON_A_LOADED_MACHINE)
        const result = await resultOf(page, 'login')
        expect(result.code, lang).toBe('degraded_rejected')
        expect(result.text, lang).toBe(visitorMessage({ error: 'degraded_rejected' }, lang))
        await page.getByTestId('form-login').screenshot({ path: `${shots}/refused-${lang}.png` })
        await page.goto('about:blank')
      }
    } finally {
      await page.close()
    }
  })

  for (const story of STORIES) {
    it(story.id, async () => {
      logs = []
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } })
      const scriptRequests: string[] = []
      const formPosts: string[] = []
      const problems: string[] = []
      let step = 'open'
      page.on('request', (request) => {
        const url = new URL(request.url())
        if (/\/captchala\.js$/.test(url.pathname)) scriptRequests.push(request.url())
        if (request.method() === 'POST' && url.pathname.startsWith('/api/'))
          formPosts.push(url.pathname + (request.isNavigationRequest() ? ' (navigation)' : ''))
      })
      // A CSP violation or an uncaught error anywhere fails the story.
      page.on('console', (message) => message.type() === 'error' && problems.push(message.text()))
      page.on('pageerror', (error) => problems.push(error.message))
      // The server SDK's record of each validation, as the backend logs it.
      const verifications = () => logs.filter((l) => l.msg === 'captchala' && l.call === 'validate')
      // A failure (a timeout too) leaves what is needed to understand it in the CI log, which is all CI keeps.
      onTestFailed(async () => {
        const panel = await page
          .locator('[data-testid=panel] tr')
          .allInnerTexts()
          .catch(() => [])
        const faults = await emulator.readFaults().catch(String)
        console.error(
          JSON.stringify(
            {
              story: story.id,
              step,
              url: page.url(),
              scriptRequests,
              formPosts,
              problems,
              panel,
              faults,
              backend: logs,
            },
            null,
            2,
          ),
        )
        await page.screenshot({ path: `${shots}/${story.id}.failed.png`, fullPage: true }).catch(() => {})
        await page.close()
      })

      const submit: StoryRun['submit'] = async (action, expected) => {
        await page.getByTestId(`submit-${action}`).click()
        const result = await resultOf(page, action)
        expect(result).toMatchObject({ outcome: expected.outcome, code: expected.code ?? null })
        if (expected.tokenType) expect(result.tokenType).toBe(expected.tokenType)
        // The backend's record of this very request tells the same story, about the same token.
        const line = verifications().find((l) => l.requestId === result.requestId)
        expect(line).toMatchObject({
          expectedAction: action,
          result: expected.outcome === 'ok' ? 'ok' : expect.stringMatching(/^(refused|unavailable)$/),
          code: expected.outcome === 'ok' ? null : expected.code,
          token: { id: result.tokenId, length: expect.any(Number) },
        })
      }

      step = 'goto'
      await page.goto(`${base}/${framework}/#/${story.id}`)
      await page.getByTestId('story').waitFor()
      step = 'driver'
      await DRIVERS[story.id]!({ page, scriptRequests, formPosts, verifications, submit })
      await page.screenshot({ path: `${shots}/${story.id}.png`, fullPage: true })
      // Refusals answer 4xx, and the fault stories' hosts fail on purpose; anything else is a defect.
      const expected = story.scriptBlockedBy
        ? /status of 403|Content Security Policy/
        : story.switches || story.failingFirstHost
          ? /status of (403|404|503)|ERR_EMPTY/
          : /status of 403/
      expect(problems.filter((p) => !expected.test(p))).toEqual([])
      // Issue 23: whatever the story ended in, what the page draws (the kit's widgets, failure states and
      // status regions, the devtools panel, the gallery around them) has no serious or critical axe finding.
      // After the console check: axe's own probing of styles is not the page's doing.
      step = 'axe'
      expect(await axeViolations(page)).toEqual([])
      if (story.switches) {
        // Leaving the story (another story reloads the page) puts the emulator's switches back.
        step = 'leave'
        const first = STORIES[0]!.title
        await page.getByRole('link', { name: first }).click()
        // The click changes the hash and the page reloads: wait for the new document, because closing a page
        // while Chromium commits a navigation can hang forever (microsoft/playwright#42366).
        await page.getByRole('heading', { name: first }).waitFor()
        await expect.poll(() => emulator.readFaults(), ON_A_LOADED_MACHINE).toMatchObject(HEALTHY)
      }
      step = 'close'
      await page.close()
    })
  }
}
