import { expect, vi } from 'vitest'
import type { CaptchaController } from '../../core/src/createCaptcha'
import type { CaptchalaProduct } from '../../core/src/sdk'
import type { createFakeSdk } from './fakeSdk'

/** The props both bindings' `<Captcha>` take (Vue gets the callbacks as `on*` listeners). */
export interface ScenarioProps {
  appKey?: string
  action?: string
  lang?: string
  product?: CaptchalaProduct
  refresh?: 'auto' | 'manual' | 'never'
  tokenTtlMs?: number
  inputName?: string | false
  onPass?: (token: string) => void
  onExpire?: () => void
  onError?: (error: { code: string; sdkCode?: string }) => void
}

/** What a binding's test provides so that the shared scenarios can drive it. */
export interface AdapterHarness {
  /** renders `<Captcha>` inside a `<form>` (React: in StrictMode) */
  render(props: ScenarioProps): Promise<void>
  update(props: ScenarioProps): Promise<void>
  unmount(): Promise<void>
  handle(): Pick<CaptchaController, 'execute' | 'reset' | 'getToken' | 'withToken'>
  /** the token as the app holds it: Vue's v-model, React's controlled value from onPass/onExpire */
  model(): string | null
  /** moves fake time inside the framework's act / nextTick */
  advance(ms: number): Promise<void>
}

export interface Scenario {
  name: string
  run(h: AdapterHarness, fake: ReturnType<typeof createFakeSdk>): Promise<void>
}

const base: ScenarioProps = { appKey: 'demo_app', action: 'login', product: 'embed', lang: 'en' }
const live = (fake: ReturnType<typeof createFakeSdk>) => fake.widgets.filter((w) => !w.destroyed)
const hidden = () => document.querySelector<HTMLInputElement>('input[type=hidden]')

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
      await h.render({ ...base, refresh: 'manual' })
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
      await h.render({ ...base, refresh: 'manual', tokenTtlMs: 10_000, onExpire })
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
