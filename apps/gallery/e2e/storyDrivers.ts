import { visitorMessage, visitorWordsFor } from '@captchala/core'
import type { EnginePage } from '@captchala/kit-testing/engines'
import { solveSlideByKeyboard } from '@captchala/kit-testing/engines'
import { expect } from 'vitest'
import type { Log } from './galleryServers'

/** What a story's driver has at hand: the page, and what the page, the backend and the emulator saw. */
export interface StoryRun {
  page: EnginePage
  /** requests for the SDK's script, failed or not: the engine's own log, else what the emulator answered */
  scriptRequests(): string[]
  /** whether `scriptRequests` sees a request whose connection was dropped (the emulator's log does not) */
  seesDroppedRequests: boolean
  /** form posts that reached the backend's form endpoints */
  formPosts(): string[]
  /** the backend's verification log lines */
  verifications(): Log[]
  /** submits a form, waits for its result, and checks that the backend's log agrees with it */
  submit(
    action: string,
    expected: { outcome: 'ok' | 'refused' | 'error'; code?: string; tokenType?: string },
  ): Promise<void>
}

export const testId = (id: string) => `[data-testid="${id}"]`
/** the devtools panel's rows of one event type (the panel draws them in its shadow root) */
export const rows = (type: string) => `[data-testid=panel] >>> tr[data-type="${type}"]`

/** The form's result, read from the attributes both apps put on it, once it is there. */
export async function resultOf(page: EnginePage, action: string) {
  // The region is there before any outcome: the outcome is in once it says which.
  const result = `${testId(`result-${action}`)}[data-outcome]`
  await page.waitFor(result)
  const read = (name: string) => page.attribute(result, name)
  return {
    outcome: await read('data-outcome'),
    code: await read('data-code'),
    requestId: await read('data-request-id'),
    tokenId: await read('data-token-id'),
    tokenType: await read('data-token-type'),
    text: await page.text(result),
  }
}

/** Waits until the widget has put a pass token in the form's hidden input. */
export const tokenInForm = (page: EnginePage, form: string) =>
  page.until(
    async () => (await page.value(`${form} input[name=captchala_token]`)) ?? '',
    (token) => /^pt_/.test(token),
    'the token in the form',
  )

/** Waits for the page a native form post comes back to, with the backend's answer in its URL. */
export const formPostReturned = (page: EnginePage) =>
  page.until(
    () => page.url(),
    (url) => /result=ok/.test(url),
    'the page the form post returns',
  )

/** How many times the page's live regions said `words` (the backend's recorder, first in the page). */
const timesHeard = async (page: EnginePage, words: string) =>
  (await page.run<string[]>('window.heard')).filter((said) => said === words).length

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
  async ({ page, formPosts, scriptRequests, seesDroppedRequests }: StoryRun) => {
    for (const action of ['login', 'signup', 'contact']) {
      // The load the page made at mount failed first: what follows is the visitor's click after it.
      await page.waitFor(testId(`status-${action}`), { text: 'error' })
      const requested = await page.count(rows('script:requested'))
      const onTheWire = scriptRequests().length
      const errors = await page.count(rows('error'))
      const words = visitorMessage({ code }, 'en')
      const heardBefore = await timesHeard(page, words)
      const waiting = visitorWordsFor('en').waiting
      const waitingHeardBefore = await timesHeard(page, waiting)
      await page.click(testId(`submit-${action}`))
      const result = await resultOf(page, action)
      expect(result).toMatchObject({ outcome: 'error', code })
      expect(result.text).toBe(words)
      // and heard, once: the form's status region changes to the words
      expect((await timesHeard(page, words)) - heardBefore).toBe(1)
      // A host that is down takes one load's attempts to fail: meanwhile the visitor hears, once, that the
      // verification is loading. (A refused URL fails at once, with nothing to wait for.)
      if (code === 'script_load_failed')
        expect((await timesHeard(page, waiting)) - waitingHeardBefore).toBe(1)
      const requestedForTheClick = (await page.count(rows('script:requested'))) - requested
      expect(requestedForTheClick).toBe(code === 'script_blocked' ? 0 : PASSES_OF_ONE_LOAD)
      // What reached the network agrees: a refused script never does.
      if (code === 'script_blocked' || seesDroppedRequests)
        expect(scriptRequests().length - onTheWire).toBe(requestedForTheClick)
      expect((await page.count(rows('error'))) - errors).toBe(1)
    }
    expect(formPosts()).toEqual([])
  }

/** How each story is played and what it must end in; every story has one, in both apps, in every engine. */
export const STORY_DRIVERS: Record<string, (run: StoryRun) => Promise<void>> = {
  'script-blocked-csp': scriptCannotLoad('script_blocked'),
  'script-blocked-trusted-types': scriptCannotLoad('script_blocked'),
  'script-down': scriptCannotLoad('script_load_failed'),
  // The widget asks for its script at the first touch of its form, and the script takes 3 s: the click that
  // touches it is held. The visitor hears, once, that verification is loading; then the challenge runs and
  // the form goes. Clicked at once in every engine: with `bind` no widget mounts above the button.
  'script-slow': async ({ page, verifications }) => {
    const waiting = visitorWordsFor('en').waiting
    await page.click(testId('submit-login'))
    await page.waitFor(testId('result-login'), { text: waiting })
    const result = await resultOf(page, 'login')
    expect(result).toMatchObject({ outcome: 'ok', tokenType: 'pass' })
    expect(await timesHeard(page, waiting)).toBe(1)
    expect(verifications().find((line) => line.requestId === result.requestId)).toMatchObject({
      result: 'ok',
      token: { id: result.tokenId },
    })
  },
  'invisible-login': async ({ page, submit }) => {
    await submit('login', { outcome: 'ok', tokenType: 'pass' })
    expect(await page.count('.captchala-overlay, [role=slider]')).toBe(0)
  },
  'popup-signup-server-token': async ({ page, submit }) => {
    await submit('signup', { outcome: 'ok', tokenType: 'pass' })
    expect(await page.count(rows('server_token:received'))).toBeGreaterThan(0)
  },
  'float-comment': ({ submit }) => submit('comment', { outcome: 'ok', tokenType: 'pass' }),
  'embed-contact': async ({ page, submit }) => {
    // Ticked first, then sent: the token already held is the one that goes.
    await page.click(`${testId('form-contact')} .captchala-trigger`)
    await page.waitFor(testId('status-contact'), { text: 'passed' })
    await submit('contact', { outcome: 'ok', tokenType: 'pass' })
    // The token sent is the one ticked for: no challenge ran between the pass and the submission.
    const types = await page.attributes('[data-testid=panel] >>> tr[data-type]', 'data-type')
    expect(types.slice(types.indexOf('passed'), types.indexOf('submit:started'))).not.toContain(
      'challenge:started',
    )
  },
  'slide-challenge': async ({ page, submit }) => {
    const solving = (async () => {
      const { target, reached } = await solveSlideByKeyboard(page)
      expect(reached).toBe(target)
    })()
    await submit('login', { outcome: 'ok', tokenType: 'pass' })
    await solving
  },
  blocked: async ({ page, formPosts, verifications }) => {
    await page.click(testId('submit-login'))
    const result = await resultOf(page, 'login')
    expect(result).toMatchObject({ outcome: 'error', code: 'risk_rejected' })
    // The visitor's words for the cause (visitorMessage), not the SDK's or a developer's message.
    expect(result.text).toBe(visitorMessage({ code: 'risk_rejected' }, 'en'))
    expect(formPosts()).toEqual([])
    expect(verifications()).toEqual([])
  },
  'double-submit': async ({ page, formPosts, verifications }) => {
    await page.waitFor(testId('status-login'), { text: 'ready' })
    // Three clicks in one task: faster than any person, and before any re-render could disable anything.
    await page.run(`(() => {
      const button = document.querySelector('${testId('submit-login')}')
      button.click()
      button.click()
      button.click()
    })()`)
    const result = await resultOf(page, 'login')
    expect(result.outcome).toBe('ok')
    expect(formPosts()).toEqual(['/api/login'])
    expect(verifications()).toHaveLength(1)
    expect(await page.count(rows('submit:joined'))).toBe(2)
  },
  'expiry-refresh': async ({ page, submit, verifications }) => {
    await page.click(`${testId('form-login')} .captchala-trigger`)
    // Tokens live 8 s: the kit replaces the token in the background before it runs out.
    await page.waitFor(rows('refreshed'))
    expect(await page.count(rows('expired'))).toBe(0)
    expect(Number(await page.text(testId('refreshes')))).toBeGreaterThan(0)
    await submit('login', { outcome: 'ok', tokenType: 'pass' })
    expect(verifications().map((l) => l.result)).toEqual(['ok'])
  },
  'script-fallback-host': async ({ page, scriptRequests, submit }) => {
    await submit('login', { outcome: 'ok', tokenType: 'pass' })
    expect(scriptRequests()).toHaveLength(2)
    expect(scriptRequests()[0]).toMatch(/\/no-such-host\/captchala\.js$/)
    expect(await page.count(rows('script:failed'))).toBe(1)
    expect(await page.count(rows('script:loaded'))).toBe(1)
  },
  'offline-fallback': ({ submit }) => submit('login', { outcome: 'ok', tokenType: 'offline' }),
  'client-only-fallback': async ({ submit }) => {
    await submit('login', { outcome: 'ok', tokenType: 'client' })
    await submit('checkout', { outcome: 'refused', code: 'client_only_rejected' })
  },
  degraded: async ({ page, submit }) => {
    await submit('login', { outcome: 'refused', code: 'degraded_rejected' })
    expect(await page.text(testId('result-login'))).toMatch(/limited right now/)
  },
  'multiple-widgets': async ({ scriptRequests, submit }) => {
    for (const action of ['login', 'signup', 'comment'])
      await submit(action, { outcome: 'ok', tokenType: 'pass' })
    expect(scriptRequests()).toHaveLength(1)
  },
  languages: async ({ page, submit }) => {
    const label = `${testId('form-contact')} .captchala-label`
    await page.waitFor(rows('widget:ready'))
    const english = await page.text(label)
    const challenges = await page.count(rows('challenge:started'))
    const labelReads = async (test: (text: string) => boolean, what: string) =>
      page.until(async () => (await page.text(label)) ?? '', test, `the widget's label in ${what}`)
    await page.select(testId('lang'), 'ja')
    await labelReads((text) => /[\u3040-\u30ff\u4e00-\u9fff]/.test(text), 'Japanese')
    await page.select(testId('lang'), 'ko')
    await labelReads((text) => /[\uac00-\ud7af]/.test(text), 'Korean')
    await page.select(testId('lang'), 'en')
    await labelReads((text) => text === english, 'English')
    // In place: no new widget, no new script, no new challenge.
    expect(await page.count(rows('widget:ready'))).toBe(1)
    expect(await page.count(rows('challenge:started'))).toBe(challenges)
    await page.select(testId('lang'), 'ja')
    await submit('contact', { outcome: 'ok', tokenType: 'pass' })
  },
  theme: async ({ page, submit }) => {
    expect(await page.attribute(`${testId('form-comment')} .captchala`, 'class')).toMatch(/captchala-dark/)
    const accent = await page.run<string>(
      `document.querySelector('${testId('form-contact')} .captchala').style.getPropertyValue('--captchala-accent')`,
    )
    expect(accent).toBe('#c2185b')
    await submit('comment', { outcome: 'ok', tokenType: 'pass' })
    await submit('contact', { outcome: 'ok', tokenType: 'pass' })
  },
  'native-form': async ({ page, formPosts, verifications }) => {
    const form = testId('form-contact')
    await page.click(`${form} .captchala-trigger`)
    await tokenInForm(page, form)
    await page.click(testId('submit-contact'))
    // The browser posted the form itself: the page that comes back is the backend's answer.
    await formPostReturned(page)
    const result = await resultOf(page, 'contact')
    expect(result.outcome).toBe('ok')
    expect(formPosts()).toEqual(['/api/contact'])
    expect(verifications()).toMatchObject([{ requestId: result.requestId, result: 'ok' }])
  },
}
