import type { CaptchaBindingOptions, CaptchaError, CaptchaHandle, CaptchaOptions } from '@captchala/core'
import type { FakeCaptchala } from '@captchala/testing'
import { expect, onTestFinished, vi } from 'vitest'
import { fakeScripts } from './fakeScripts'

/**
 * The props both bindings' `<Captcha>` take that the scenarios set (Vue gets the callbacks as `on*`
 * listeners): the bindings' own options, and `inputName`, the one prop of `<Captcha>` beyond them in both.
 */
export type ScenarioProps = Pick<
  CaptchaBindingOptions,
  | 'appKey'
  | 'action'
  | 'lang'
  | 'product'
  | 'refresh'
  | 'tokenTtlMs'
  | 'loader'
  | 'onPass'
  | 'onExpire'
  | 'onError'
> & { inputName?: string | false | undefined }

/** What a binding's test provides so that the shared scenarios can drive it. */
export interface AdapterHarness {
  /**
   * renders `<Captcha>` inside a `<form>` (React: in StrictMode), under the provider (React) or plugin (Vue)
   * with `shared` when given
   */
  render(props: ScenarioProps, shared?: Partial<CaptchaOptions>): Promise<void>
  update(props: ScenarioProps): Promise<void>
  unmount(): Promise<void>
  handle(): CaptchaHandle
  /** the token as the app holds it: Vue's v-model, React's hidden input */
  model(): string | null
  /** the app drops the token it holds: Vue's parent sets its v-model to null, React's calls `reset()` */
  clearModel(): Promise<void>
  /** renders a component that calls `useCaptcha(options)`; returns its latest result with state as plain values */
  renderHook(options: ScenarioProps): Promise<() => Record<string, unknown>>
  /**
   * renders a `<form>` whose submit handler sends through `withToken(send)` (a refusal goes to `onRefused`),
   * with `<Captcha product="bind">` around its submit button (`data-testid="bound-submit"`)
   */
  renderBoundForm(
    props: ScenarioProps,
    send: (token: string) => Promise<unknown>,
    onRefused?: (error: CaptchaError) => void,
  ): Promise<void>
  /** moves fake time inside the framework's act / nextTick */
  advance(ms: number): Promise<void>
}

export interface Scenario {
  name: string
  run(h: AdapterHarness, fake: FakeCaptchala): Promise<void>
}

const base: ScenarioProps = { appKey: 'demo_app', action: 'login', product: 'embed', lang: 'en' }
const live = (fake: FakeCaptchala) => fake.widgets.filter((w) => !w.destroyed)
const hidden = () => document.querySelector<HTMLInputElement>('input[type=hidden]')
/** The kit's polite live region: what a screen reader is told by the kit, as opposed to the SDK's widget. */
const statusRegion = () => document.querySelector<HTMLElement>('.captchala-status[role=status]')

/** What a harness does with a refusal no scenario expects: fails the test, as an unhandled rejection would. */
export const rethrow = (error: unknown) => {
  throw error
}

/** One table of cases for both bindings: drift between them shows up as a failure of one. */
export const adapterScenarios: Scenario[] = [
  {
    name: 'every setup has one matching cleanup and one live widget',
    async run(h, fake) {
      await h.render(base)
      await h.advance(0)
      expect(live(fake)).toHaveLength(1)
      expect(fake.widgets.length - fake.widgets.filter((w) => w.destroyed).length).toBe(1)
      expect(document.querySelectorAll('.captchala-embed')).toHaveLength(1)
    },
  },
  {
    name: 'changing lang calls setLang without re-initialising',
    async run(h, fake) {
      await h.render(base)
      await h.advance(0)
      const before = fake.widgets.length
      await h.update({ ...base, lang: 'ja' })
      await h.advance(0)
      expect(fake.widgets).toHaveLength(before)
      expect(fake.last().calls).toContain('setLang:ja')
    },
  },
  {
    name: 'changing action re-initialises once',
    async run(h, fake) {
      await h.render(base)
      await h.advance(0)
      const before = fake.widgets.length
      await h.update({ ...base, action: 'register' })
      await h.advance(0)
      expect(fake.widgets).toHaveLength(before + 1)
      expect(live(fake)).toHaveLength(1)
      expect(fake.last().options.action).toBe('register')
    },
  },
  {
    name: 'a new inline onPass does not re-initialise, and the newest one is called',
    async run(h, fake) {
      const first = vi.fn()
      const second = vi.fn()
      await h.render({ ...base, onPass: (t) => first(t) })
      await h.advance(0)
      const before = fake.widgets.length
      await h.update({ ...base, onPass: (t) => second(t) })
      await h.advance(0)
      expect(fake.widgets).toHaveLength(before)
      const token = await h.handle().execute()
      await h.advance(0)
      expect(first).not.toHaveBeenCalled()
      expect(second).toHaveBeenCalledWith(token)
    },
  },
  {
    name: 'a form submitted twice in a row through withToken sends one request',
    async run(h) {
      await h.render(base)
      await h.advance(0)
      const send = vi.fn(async (token: string) => {
        await new Promise((r) => setTimeout(r, 50))
        return token
      })
      const clicks = [h.handle().withToken(send), h.handle().withToken(send)]
      await h.advance(50)
      await Promise.all(clicks)
      expect(send).toHaveBeenCalledTimes(1)
    },
  },
  {
    name: 'the hidden input and the model carry the token, and clear when it is spent',
    async run(h) {
      await h.render(base)
      await h.advance(0)
      expect(hidden()?.name).toBe('captchala_token')
      const token = await h.handle().execute()
      await h.advance(0)
      expect(hidden()?.value).toBe(token)
      expect(h.model()).toBe(token)
      await h.handle().withToken(() => 'sent')
      await h.advance(0)
      expect(hidden()?.value).toBe('')
      expect(h.model()).toBeNull()
    },
  },
  {
    name: 'the model clears when the token expires',
    async run(h) {
      const onExpire = vi.fn()
      await h.render({ ...base, tokenTtlMs: 10_000, onExpire })
      await h.advance(0)
      await h.handle().execute()
      await h.advance(0)
      expect(h.model()).toMatch(/^pt_/)
      await h.advance(10_000)
      expect(h.model()).toBeNull()
      expect(hidden()?.value).toBe('')
      expect(onExpire).toHaveBeenCalledTimes(1)
    },
  },
  {
    name: 'a parent that clears the token it holds resets the widget',
    async run(h, fake) {
      await h.render(base)
      await h.advance(0)
      const token = await h.handle().execute()
      await h.advance(0)
      expect(h.model()).toBe(token)
      await h.clearModel()
      await h.advance(0)
      expect(h.model()).toBeNull()
      expect(hidden()?.value).toBe('')
      expect(fake.last().calls.at(-1)).toBe('reset')
      // and the next token is a new one
      const next = await h.handle().getToken()
      expect(next).not.toBe(token)
    },
  },
  {
    name: 'provided options hold where a prop is undefined, and a given prop wins',
    async run(h, fake) {
      const shared = { appKey: 'from_provider', lang: 'ko', action: 'shared_action' }
      await h.render({ appKey: undefined, lang: undefined, action: 'login', product: 'embed' }, shared)
      await h.advance(0)
      expect(fake.last().options).toMatchObject({ appKey: 'from_provider', lang: 'ko', action: 'login' })
    },
  },
  {
    name: 'useCaptcha returns the full shape: state with tokenType and expiresAt, the methods, elementRef',
    async run(h) {
      const result = await h.renderHook({ ...base, product: 'bind', tokenTtlMs: 60_000 })
      await h.advance(0)
      expect(Object.keys(result()).sort()).toEqual(
        [
          'status',
          'token',
          'tokenType',
          'expiresAt',
          'error',
          'waiting',
          'execute',
          'reset',
          'getToken',
          'withToken',
          'subscribeEvents',
          'elementRef',
        ].sort(),
      )
      expect(result()).toMatchObject({
        status: 'ready',
        token: null,
        tokenType: null,
        expiresAt: null,
        waiting: false,
      })
      const before = Date.now()
      const token = await (result().execute as () => Promise<string>)()
      await h.advance(0)
      expect(result()).toMatchObject({ status: 'passed', token, tokenType: 'pass', error: null })
      expect(result().expiresAt).toBeGreaterThanOrEqual(before + 60_000)
    },
  },
  {
    name: "a failure shows the visitor's words and a retry button instead of an empty box; retry recovers",
    async run(h, fake) {
      const onError = vi.fn()
      await h.render({ ...base, onError })
      await h.advance(0)
      expect(statusRegion()?.textContent).toBe('')
      fake.last().fail('Too many attempts (rate_limit_exceeded)')
      await h.advance(0)
      const failure = statusRegion()?.querySelector<HTMLElement>('.captchala-failure')
      // The visitor's words for the cause, not the SDK's or the developer's message (onError has those).
      expect(failure?.textContent).toContain('Verification did not succeed. Please try again.')
      expect(failure?.textContent).not.toContain('rate_limit_exceeded')
      const retry = failure?.querySelector('button')
      expect(retry?.textContent).toBe('Try again')
      expect(retry?.type).toBe('button') // never submits the form
      // From the keyboard: the focus on the retry, which goes with the failure state; it stays in the widget.
      retry?.focus()
      retry?.click()
      await h.advance(0)
      expect(document.activeElement).toBe(hidden()?.parentElement)
      expect(hidden()?.parentElement?.tabIndex).toBe(-1)
      expect(statusRegion()?.textContent).toBe('')
      expect(fake.last().calls.at(-1)).toBe('reset')
      await expect(h.handle().execute()).resolves.toMatch(/^pt_/)
    },
  },
  {
    name: 'the status region is there from the first render, silent on a pass, and says an expiry and a failure',
    async run(h, fake) {
      await h.render({ ...base, tokenTtlMs: 10_000 })
      const region = statusRegion()
      // A live region must exist before its text changes, or screen readers miss the change.
      expect(region?.textContent).toBe('')
      await h.advance(0)
      await h.handle().execute()
      await h.advance(0)
      // The SDK's widget announces a pass; saying it again would make the visitor hear it twice.
      expect(statusRegion()?.textContent).toBe('')
      await h.advance(10_000)
      expect(statusRegion()).toBe(region)
      expect(region?.textContent).toBe('Your verification expired. Please verify again.')
      fake.last().fail('closed')
      await h.advance(0)
      expect(statusRegion()).toBe(region)
      expect(region?.textContent).toContain('Verification did not succeed.')
      expect(region?.textContent).not.toContain('expired')
    },
  },
  {
    name: "the failure state speaks the widget's lang (a language entry imported once)",
    async run(h, fake) {
      await h.render({ ...base, lang: 'ja' })
      await h.advance(0)
      fake.last().fail('closed')
      await h.advance(0)
      const failure = statusRegion()?.querySelector<HTMLElement>('.captchala-failure')
      expect(failure?.textContent).toContain('認証に成功しませんでした')
      expect(failure?.querySelector('button')?.textContent).toBe('もう一度試す')
    },
  },
  {
    name: "the failure state speaks the provider's or plugin's lang where the widget gives none",
    async run(h, fake) {
      await h.render({ ...base, lang: undefined }, { lang: 'ja' })
      await h.advance(0)
      fake.last().fail('closed')
      await h.advance(0)
      expect(statusRegion()?.textContent).toContain('認証に成功しませんでした')
    },
  },
  {
    name: "loader.when 'interaction': no widget until the form is touched, then one",
    async run(h, fake) {
      await h.render({ ...base, loader: { when: 'interaction' } })
      await h.advance(0)
      expect(fake.widgets).toHaveLength(0)
      document.querySelector('form')!.dispatchEvent(new FocusEvent('focusin', { bubbles: true }))
      await h.advance(0)
      expect(live(fake)).toHaveLength(1)
    },
  },
  {
    name: "loader.when 'interaction': withToken before any touch loads first, and sends one token",
    async run(h, fake) {
      await h.render({ ...base, loader: { when: 'interaction' } })
      await h.advance(0)
      const sent: string[] = []
      const send = (token: string) => {
        sent.push(token)
      }
      const both = Promise.all([h.handle().withToken(send), h.handle().withToken(send)])
      await h.advance(0)
      await both
      expect(live(fake)).toHaveLength(1)
      expect(sent).toHaveLength(1)
      expect(sent[0]).toMatch(/^pt_/)
    },
  },
  {
    name: 'no appKey anywhere: a missing_app_key failure that names the option, and no widget',
    async run(h, fake) {
      const onError = vi.fn()
      await h.render({ ...base, appKey: undefined, onError })
      await h.advance(0)
      expect(onError).toHaveBeenCalledWith(expect.objectContaining({ code: 'missing_app_key' }))
      // The developer learns it from onError (and devtools); the visitor is not shown the option's name.
      expect(statusRegion()?.textContent).toContain('not available on this page')
      expect(fake.widgets).toHaveLength(0)
    },
  },
  {
    name: 'bind: one click, one challenge, one submission with a fresh token, whether the SDK holds the click or not',
    async run(h, fake) {
      for (const boundClick of ['holds', 'letsThrough'] as const) {
        fake.options.boundClick = boundClick
        const sent: string[] = []
        await h.renderBoundForm({ ...base, product: 'bind' }, async (token) => {
          sent.push(token)
        })
        await h.advance(0)
        const verifiesBefore = fake.last().calls.filter((call) => call === 'verify').length
        document.querySelector<HTMLButtonElement>('[data-testid=bound-submit]')!.click()
        await h.advance(0)
        await h.advance(0)
        expect(sent, boundClick).toHaveLength(1)
        expect(sent[0], boundClick).toMatch(/^pt_/)
        const challenges = fake.last().calls.filter((call) => call === 'verify').length - verifiesBefore
        expect(challenges, boundClick).toBe(1)
        await h.unmount()
      }
    },
  },
  {
    name: "bind, no dead button: after a failed load the click reaches the app's handler, whose withToken is refused",
    async run(h) {
      const refused: string[] = []
      const send = async () => {}
      await h.renderBoundForm({ ...base, appKey: undefined, product: 'bind' }, send, (error) =>
        refused.push(error.code),
      )
      await h.advance(0)
      document.querySelector<HTMLButtonElement>('[data-testid=bound-submit]')!.click()
      await h.advance(0)
      expect(refused).toEqual(['missing_app_key'])
      expect(statusRegion()?.textContent).toContain('not available on this page')
    },
  },
  {
    name: 'bind: a click while the script still loads is held, says that verification is loading, then runs its challenge',
    async run(h, fake) {
      // The SDK comes from a script that takes a second to arrive.
      const SCRIPT = 'https://slow.cdn.example/captchala.js'
      const sdk = window.Captchala!
      delete window.Captchala
      const net = fakeScripts({ [SCRIPT]: { kind: 'sdk', sdk } }, 1_000)
      onTestFinished(() => net.stop())
      const sent: string[] = []
      await h.renderBoundForm({ ...base, product: 'bind', loader: { src: SCRIPT } }, async (token) => {
        sent.push(token)
      })
      await h.advance(0)
      expect(statusRegion()?.textContent).toBe('')
      document.querySelector<HTMLButtonElement>('[data-testid=bound-submit]')!.click()
      await h.advance(0)
      expect(statusRegion()?.textContent).toBe('Verification is loading…')
      expect(sent).toEqual([])
      await h.advance(1_000)
      await h.advance(100)
      expect(sent).toHaveLength(1)
      expect(fake.last().calls.filter((call) => call === 'verify')).toHaveLength(1)
      expect(statusRegion()?.textContent).toBe('')
    },
  },
  {
    name: 'inputName renames the hidden input, false removes it',
    async run(h) {
      await h.render({ ...base, inputName: 'captcha_token' })
      expect(hidden()?.name).toBe('captcha_token')
      await h.update({ ...base, inputName: false })
      expect(hidden()).toBeNull()
    },
  },
  {
    name: 'errors reach onError with the SDK code',
    async run(h, fake) {
      const onError = vi.fn()
      await h.render({ ...base, onError })
      await h.advance(0)
      fake.last().fail('Too many attempts (rate_limit_exceeded)')
      await h.advance(0)
      expect(onError).toHaveBeenCalledWith(
        expect.objectContaining({ code: 'sdk_error', sdkCode: 'rate_limit_exceeded' }),
      )
    },
  },
  {
    name: 'unmount leaves no widget, timer or listener',
    async run(h, fake) {
      const add = vi.spyOn(document, 'addEventListener')
      const remove = vi.spyOn(document, 'removeEventListener')
      await h.render({ ...base, tokenTtlMs: 60_000 })
      await h.advance(0)
      await h.handle().execute()
      await h.advance(0)
      await h.unmount()
      expect(live(fake)).toHaveLength(0)
      expect(vi.getTimerCount()).toBe(0)
      const added = add.mock.calls.filter(([type]) => type === 'visibilitychange')
      const removed = remove.mock.calls.filter(([type]) => type === 'visibilitychange')
      expect(added.length).toBeGreaterThan(0)
      expect(removed).toHaveLength(added.length)
    },
  },
]
