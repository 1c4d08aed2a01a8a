import { tokenId } from '@captchala/contract'
import { fakeScripts } from '@captchala/kit-testing'
import { createFakeCaptchala, createTestClock, type TestClock } from '@captchala/testing'
import { afterEach, beforeEach, describe, expect, it, onTestFinished, vi } from 'vitest'
import type { CaptchaEvent } from './CaptchaEvent'
import { type CaptchaOptions, createCaptcha } from './createCaptcha'

let fake: ReturnType<typeof createFakeCaptchala>
// Time moves only through this clock: no global timer or date is patched.
let clock: TestClock

function setup(options: Partial<CaptchaOptions> = {}, sdk: Parameters<typeof createFakeCaptchala>[0] = {}) {
  fake = createFakeCaptchala(sdk)
  window.Captchala = fake.sdk
  const events: CaptchaEvent[] = []
  const captcha = createCaptcha({ appKey: 'demo_app', action: 'login', product: 'bind', clock, ...options })
  captcha.subscribeEvents((e) => events.push(e))
  const el = document.body.appendChild(document.createElement('div'))
  return { captcha, events, el }
}

const flush = () => clock.advance(0)
const verifies = () => fake.widgets.flatMap((w) => w.calls).filter((c) => c === 'verify').length

beforeEach(() => {
  clock = createTestClock()
})
afterEach(() => {
  delete window.Captchala
  document.body.innerHTML = ''
})

describe('createCaptcha', () => {
  it('has no side effect before the first mount', () => {
    const add = vi.spyOn(document, 'addEventListener')
    const { captcha } = setup()
    expect(captcha.getSnapshot()).toEqual({
      status: 'idle',
      token: null,
      tokenType: null,
      expiresAt: null,
      error: null,
      waiting: false,
    })
    expect(fake.widgets).toHaveLength(0)
    expect(add).not.toHaveBeenCalled()
    expect(clock.pending()).toBe(0)
  })

  it('mounts: init with the options, bindTo for bind, appendTo otherwise', async () => {
    const { captcha, el } = setup({ lang: 'ja', theme: 'dark' })
    captcha.mount(el)
    await flush()
    expect(captcha.getSnapshot().status).toBe('ready')
    expect(fake.last().options).toMatchObject({
      appKey: 'demo_app',
      action: 'login',
      product: 'bind',
      lang: 'ja',
      theme: 'dark',
    })
    expect(fake.last().calls).toEqual(['bindTo'])

    const popup = setup({ product: 'popup' })
    popup.captcha.mount(popup.el)
    await flush()
    expect(fake.last().calls).toEqual(['appendTo'])
    expect(popup.el.querySelector('.captchala-popup')).not.toBeNull()
  })

  it('keeps a cached snapshot, replaced only on change', async () => {
    const { captcha, el } = setup()
    const listener = vi.fn()
    captcha.subscribe(listener)
    const first = captcha.getSnapshot()
    expect(captcha.getSnapshot()).toBe(first)
    captcha.mount(el)
    await flush()
    const ready = captcha.getSnapshot()
    expect(ready).not.toBe(first)
    const calls = listener.mock.calls.length
    captcha.setOptions({ appKey: 'demo_app', action: 'login', product: 'bind' }) // nothing changed
    expect(captcha.getSnapshot()).toBe(ready)
    expect(listener).toHaveBeenCalledTimes(calls)
  })

  it('re-arms the expiry timer only when the refresh mode changed, not on every setOptions', async () => {
    const { captcha, el } = setup({}, { ttl: 300 })
    captcha.mount(el)
    await flush()
    await captcha.execute()
    const arms = vi.spyOn(clock, 'setTimeout')
    for (let render = 0; render < 5; render++) {
      captcha.setOptions({ appKey: 'demo_app', action: 'login', product: 'bind' })
    }
    expect(arms).not.toHaveBeenCalled()
    captcha.setOptions({ appKey: 'demo_app', action: 'login', product: 'bind', refresh: 'background' })
    expect(arms).toHaveBeenCalledTimes(1)
  })

  it('execute resolves with the pass token and records its expiry from the SDK ttl', async () => {
    const { captcha, el } = setup({}, { ttl: 300 })
    captcha.mount(el)
    await flush()
    const token = await captcha.execute()
    expect(token).toMatch(/^pt_/)
    const s = captcha.getSnapshot()
    expect(s).toMatchObject({ status: 'passed', token, tokenType: 'pass', error: null })
    expect(s.expiresAt).toBe(clock.now() + 300_000)
  })

  it('uses tokenTtlMs when the SDK gives no ttl', async () => {
    const { captcha, el } = setup({ tokenTtlMs: 5000 })
    captcha.mount(el)
    await flush()
    await captcha.execute()
    expect(captcha.getSnapshot().expiresAt).toBe(clock.now() + 5000)
  })

  it('execute before mount rejects with not_mounted; a load failure rejects with its code', async () => {
    const { captcha } = setup()
    await expect(captcha.execute()).rejects.toMatchObject({ code: 'not_mounted' })
  })

  describe('execute always settles', () => {
    it('rejects with challenge_closed when the user closes the challenge', async () => {
      const { captcha, el } = setup({}, { outcome: 'wait' })
      captcha.mount(el)
      await flush()
      const run = captcha.execute()
      expect(captcha.getSnapshot().status).toBe('verifying')
      fake.last().close()
      await expect(run).rejects.toMatchObject({ code: 'challenge_closed' })
      expect(captcha.getSnapshot().status).toBe('ready')
    })

    it('rejects with destroyed on destroy', async () => {
      const { captcha, el } = setup({}, { outcome: 'wait' })
      captcha.mount(el)
      await flush()
      const run = captcha.execute()
      captcha.destroy()
      await expect(run).rejects.toMatchObject({ code: 'destroyed' })
      await expect(captcha.execute()).rejects.toMatchObject({ code: 'destroyed' })
    })

    it('rejects with aborted on its signal, before or during the challenge', async () => {
      const { captcha, el } = setup({}, { outcome: 'wait' })
      captcha.mount(el)
      await flush()
      const controller = new AbortController()
      const run = captcha.execute({ signal: controller.signal })
      controller.abort()
      await expect(run).rejects.toMatchObject({ code: 'aborted' })
      await expect(captcha.execute({ signal: controller.signal })).rejects.toMatchObject({ code: 'aborted' })
      // the aborted caller no longer waits: the challenge's end reaches only those still waiting
      const other = captcha.execute()
      const token = fake.last().pass()
      await expect(other).resolves.toBe(token)
    })

    it('an aborted call made while the script loads ends the loading words, once nobody else waits', async () => {
      const { captcha, el } = setup({
        loader: { src: 'http://127.0.0.1:9/captchala.js', retries: 0, timeoutMs: 1000 },
      })
      delete window.Captchala
      captcha.mount(el)
      const [first, second] = [new AbortController(), new AbortController()]
      const runs = [captcha.execute({ signal: first.signal }), captcha.execute({ signal: second.signal })]
      expect(captcha.getSnapshot()).toMatchObject({ status: 'loading', waiting: true })
      first.abort()
      await expect(runs[0]).rejects.toMatchObject({ code: 'aborted' })
      expect(captcha.getSnapshot()).toMatchObject({ status: 'loading', waiting: true })
      second.abort()
      await expect(runs[1]).rejects.toMatchObject({ code: 'aborted' })
      expect(captcha.getSnapshot()).toMatchObject({ status: 'loading', waiting: false })
      await clock.advance(1000)
    })

    it('rejects with the SDK code parsed from a "message (code)" string', async () => {
      const { captcha, el } = setup({}, { outcome: 'wait' })
      captcha.mount(el)
      await flush()
      const run = captcha.execute()
      fake.last().fail('Too many attempts (rate_limit_exceeded)')
      await expect(run).rejects.toMatchObject({
        code: 'sdk_error',
        sdkCode: 'rate_limit_exceeded',
        message: 'Too many attempts',
      })
      expect(captcha.getSnapshot()).toMatchObject({
        status: 'error',
        error: { sdkCode: 'rate_limit_exceeded' },
      })
    })

    it('rejects with the SDK code from an error object', async () => {
      const { captcha, el } = setup({}, { outcome: 'wait' })
      captcha.mount(el)
      await flush()
      const run = captcha.execute()
      fake.last().fail({ message: 'Blocked', code: 'invalid_answer' })
      await expect(run).rejects.toMatchObject({
        code: 'sdk_error',
        sdkCode: 'invalid_answer',
        message: 'Blocked',
      })
    })

    it('rejects when the script cannot load, and a later execute loads again', async () => {
      // the loader's timeouts run on the controller's clock too
      const { captcha, el } = setup({
        loader: { src: 'http://127.0.0.1:9/captchala.js', retries: 0, timeoutMs: 1000 },
      })
      delete window.Captchala
      captcha.mount(el)
      const first = expect(captcha.execute()).rejects.toMatchObject({ code: 'script_timeout' })
      // A call made while the script loads waits for it, and the state says so (the loading words).
      expect(captcha.getSnapshot()).toMatchObject({ status: 'loading', waiting: true })
      await clock.advance(1000)
      await first
      expect(captcha.getSnapshot()).toMatchObject({ status: 'error', waiting: false })
      window.Captchala = fake.sdk
      const second = captcha.execute()
      // The call that loads again waits for that load too.
      expect(captcha.getSnapshot()).toMatchObject({ status: 'loading', waiting: true })
      await flush()
      await expect(second).resolves.toMatch(/^pt_/)
    })
  })

  it('settles after subscribe, unsubscribe and subscribe again while a challenge runs (TanStack Query #11171)', async () => {
    const { captcha, el } = setup({}, { outcome: 'wait' })
    captcha.mount(el)
    await flush()
    const first = vi.fn()
    const unsubscribe = captcha.subscribe(first)
    const run = captcha.execute()
    unsubscribe()
    const second = vi.fn()
    captcha.subscribe(second)
    const token = fake.last().pass()
    await expect(run).resolves.toBe(token)
    expect(captcha.getSnapshot()).toMatchObject({ status: 'passed', token })
    expect(second).toHaveBeenCalled()
    expect(first).toHaveBeenCalledTimes(1) // verifying only
  })

  describe('expiry', () => {
    it('background: refreshes before expiry, so the token never lapses', async () => {
      const { captcha, el, events } = setup({ refresh: 'background', tokenTtlMs: 100_000 })
      captcha.mount(el)
      await flush()
      const first = await captcha.execute()
      await clock.advance(74_999)
      expect(captcha.getSnapshot().token).toBe(first)
      await clock.advance(1)
      const s = captcha.getSnapshot()
      expect(s.status).toBe('passed')
      expect(s.token).not.toBe(first)
      expect(s.expiresAt).toBe(clock.now() + 100_000)
      expect(events.map((e) => e.type)).toContain('refreshed')
      expect(events.map((e) => e.type)).not.toContain('expired')
    })

    it('background: a refresh that hangs lets the old token expire on time', async () => {
      const { captcha, el } = setup(
        { refresh: 'background', tokenTtlMs: 100_000, challengeTimeoutMs: 200_000 },
        { outcome: 'wait' },
      )
      captcha.mount(el)
      await flush()
      const run = captcha.execute()
      fake.last().pass()
      await run
      await clock.advance(75_000) // the refresh starts and hangs
      expect(fake.last().calls.filter((c) => c === 'verify')).toHaveLength(2)
      await clock.advance(25_000)
      expect(captcha.getSnapshot()).toMatchObject({ status: 'expired', token: null })
    })

    it('waits out a lifetime longer than a timer can hold (24.8 days) without spinning', async () => {
      const { captcha, el } = setup({ tokenTtlMs: 60 * 24 * 3_600_000 })
      captcha.mount(el)
      await flush()
      await captcha.execute()
      const timeouts = vi.spyOn(clock, 'setTimeout')
      await clock.advance(1_000)
      expect(timeouts).not.toHaveBeenCalled()
      expect(captcha.getSnapshot().status).toBe('passed')
    })

    it('auto: reaches expired at expiry and emits, without running a challenge', async () => {
      const { captcha, el, events } = setup({ tokenTtlMs: 10_000 })
      captcha.mount(el)
      await flush()
      const token = await captcha.execute()
      await clock.advance(10_000)
      expect(captcha.getSnapshot()).toMatchObject({ status: 'expired', token: null, expiresAt: null })
      const expired = events.find((e) => e.type === 'expired')
      expect(expired).toMatchObject({ token: { prefix: 'pt_', length: token.length, type: 'pass' } })
      expect(fake.last().calls.filter((c) => c === 'verify')).toHaveLength(1)
    })

    it('never: keeps no timer, and refuses to hand out an expired token', async () => {
      const { captcha, el, events } = setup({ refresh: 'never', tokenTtlMs: 10_000 })
      captcha.mount(el)
      await flush()
      const stale = await captcha.execute()
      expect(clock.pending()).toBe(0)
      clock.jump(10_001)
      const fresh = captcha.getToken()
      await flush()
      await expect(fresh).resolves.not.toBe(stale)
      expect(events.map((e) => e.type)).toContain('expired')
    })

    it('re-checks at once when a tab that slept becomes visible again', async () => {
      const { captcha, el } = setup({ tokenTtlMs: 10_000 })
      captcha.mount(el)
      await flush()
      await captcha.execute()
      clock.jump(60_000) // the machine slept: no timer fired
      expect(captcha.getSnapshot().status).toBe('passed')
      document.dispatchEvent(new Event('visibilitychange'))
      expect(captcha.getSnapshot().status).toBe('expired')
    })

    it('re-checks when the page comes back from the back/forward cache', async () => {
      const { captcha, el } = setup({ refresh: 'background', tokenTtlMs: 10_000 })
      captcha.mount(el)
      await flush()
      const first = await captcha.execute()
      clock.jump(60_000)
      window.dispatchEvent(Object.assign(new Event('pageshow'), { persisted: true }))
      await flush()
      expect(captcha.getSnapshot()).toMatchObject({ status: 'passed' })
      expect(captcha.getSnapshot().token).not.toBe(first)
    })
  })

  describe('no puzzle the visitor did not ask for (refresh: auto, the default)', () => {
    it('after a submission, no challenge starts during ten minutes, past the expiry; the next submission runs exactly one', async () => {
      const { captcha, el, events } = setup({ product: 'popup', tokenTtlMs: 120_000 })
      captcha.mount(el)
      await flush()
      await captcha.withToken(() => 'sent')
      expect(verifies()).toBe(1)
      expect(captcha.getSnapshot()).toMatchObject({ status: 'ready', token: null })
      await clock.advance(10 * 60_000)
      expect(verifies()).toBe(1)
      expect(events.filter((e) => e.type === 'challenge:started')).toHaveLength(1)
      await captcha.withToken(() => 'sent again')
      expect(verifies()).toBe(2)
    })

    it('a held token that expires is dropped and reported, and nothing starts until a token is needed', async () => {
      const { captcha, el, events } = setup({ tokenTtlMs: 30_000 })
      captcha.mount(el)
      await flush()
      await captcha.execute()
      await clock.advance(10 * 60_000)
      expect(captcha.getSnapshot()).toMatchObject({ status: 'expired', token: null })
      expect(events.filter((e) => e.type === 'expired')).toHaveLength(1)
      expect(verifies()).toBe(1)
      expect(fake.last().calls.at(-1)).toBe('reset') // the SDK prepares the next challenge
      const token = await captcha.getToken()
      expect(token).toMatch(/^pt_/)
      expect(verifies()).toBe(2)
    })

    it('background keeps a token warm: a new challenge right after a spend, and before each expiry', async () => {
      const { captcha, el, events } = setup({ refresh: 'background', tokenTtlMs: 100_000 })
      captcha.mount(el)
      await flush()
      await captcha.withToken(() => 'sent')
      await flush()
      expect(verifies()).toBe(2)
      expect(captcha.getSnapshot().status).toBe('passed')
      await clock.advance(75_000)
      expect(verifies()).toBe(3)
      expect(events.filter((e) => e.type === 'refreshed')).toHaveLength(1)
    })

    it('a negative or NaN tokenTtlMs falls back to the default instead of expiring at once in a loop', async () => {
      for (const tokenTtlMs of [-1, Number.NaN]) {
        const { captcha, el } = setup({ refresh: 'background', tokenTtlMs })
        captcha.mount(el)
        await flush()
        await captcha.execute()
        await clock.advance(1_000)
        expect(captcha.getSnapshot().expiresAt).toBe(clock.now() + 119_000)
        expect(verifies()).toBe(1)
        captcha.destroy()
      }
    })
  })

  describe('misconfiguration is loud and early', () => {
    it('a missing appKey fails with missing_app_key before any script is requested', async () => {
      const net = fakeScripts({})
      onTestFinished(() => net.stop())
      const { captcha, el } = setup({ appKey: '' })
      delete window.Captchala
      const onEvent = vi.fn()
      captcha.subscribeEvents(onEvent)
      captcha.mount(el)
      await expect(captcha.execute()).rejects.toMatchObject({ code: 'missing_app_key' })
      expect(captcha.getSnapshot()).toMatchObject({ status: 'error', error: { code: 'missing_app_key' } })
      expect(captcha.getSnapshot().error?.message).toMatch(/appKey/)
      expect(net.requests).toEqual([])
      expect(onEvent.mock.calls.map(([e]) => e.type)).not.toContain('script:requested')
    })

    it('a serverToken function that throws is reported with its error as the cause, not swallowed', async () => {
      const backendDown = new Error('backend down')
      const { captcha, el } = setup({
        serverToken: async () => {
          throw backendDown
        },
      })
      captcha.mount(el)
      await flush()
      const { error } = captcha.getSnapshot()
      expect(error).toMatchObject({ code: 'server_token_failed' })
      expect(error?.cause).toBe(backendDown)
      expect(error?.message).toMatch(/serverToken/)
    })

    it('every error carries a message that is more than its code', async () => {
      const { captcha, el } = setup({}, { outcome: 'wait' })
      captcha.mount(el)
      await flush()
      const run = captcha.execute()
      fake.last().close()
      const error = (await run.catch((e: unknown) => e)) as Error
      expect(error.message).not.toBe('challenge_closed')
      expect(error.message).toMatch(/try again/i)
    })
  })

  describe('challenge_timeout', () => {
    it('an invisible (bind) challenge the SDK never answers ends in challenge_timeout, and the next one works', async () => {
      const { captcha, el } = setup({ challengeTimeoutMs: 30_000 }, { outcome: 'wait' })
      captcha.mount(el)
      await flush()
      const run = captcha.execute()
      const settled = expect(run).rejects.toMatchObject({ code: 'challenge_timeout' })
      await clock.advance(30_000)
      await settled
      expect(captcha.getSnapshot().status).toBe('error')
      const again = captcha.execute()
      const token = fake.last().pass()
      await expect(again).resolves.toBe(token)
    })

    it('a visible product waits for the visitor as long as it takes', async () => {
      const { captcha, el } = setup({ product: 'popup', challengeTimeoutMs: 30_000 }, { outcome: 'wait' })
      captcha.mount(el)
      await flush()
      const run = captcha.execute()
      await clock.advance(10 * 60_000)
      expect(captcha.getSnapshot().status).toBe('verifying')
      const token = fake.last().pass()
      await expect(run).resolves.toBe(token)
    })

    it('a background refresh that times out keeps the held token until its expiry', async () => {
      const { captcha, el, events } = setup(
        { refresh: 'background', tokenTtlMs: 100_000, challengeTimeoutMs: 10_000, product: 'popup' },
        { outcome: 'wait' },
      )
      captcha.mount(el)
      await flush()
      const run = captcha.execute()
      const held = fake.last().pass()
      await run
      await clock.advance(85_000) // refresh at 75 s, timed out at 85 s
      expect(events.filter((e) => e.type === 'error')).toMatchObject([
        { error: { code: 'challenge_timeout', category: 'loading' }, category: 'loading' },
      ])
      expect(captcha.getSnapshot()).toMatchObject({ status: 'passed', token: held })
    })
  })

  describe('withToken: the double-submit guard', () => {
    it('runs fn once for ten concurrent calls, and never hands a token out twice', async () => {
      const { captcha, el, events } = setup()
      captcha.mount(el)
      await flush()
      const seen: string[] = []
      const fn = vi.fn(async (token: string) => {
        seen.push(token)
        await new Promise((r) => clock.setTimeout(() => r(undefined), 100))
        return `ok:${token.slice(0, 5)}`
      })
      const calls = Array.from({ length: 10 }, () => captcha.withToken(fn))
      await clock.advance(100)
      const results = await Promise.all(calls)
      expect(fn).toHaveBeenCalledTimes(1)
      // The result belongs to the call that sent; the nine that joined it sent nothing (issue 19: no
      // other caller's promise handed back as theirs).
      expect(results[0]).toBe(`ok:${seen[0]?.slice(0, 5)}`)
      expect(results.slice(1)).toEqual(Array(9).fill(undefined))
      expect(events.filter((e) => e.type === 'submit:joined')).toHaveLength(9)
      // the next submissions each get their own token
      await captcha.withToken(async (t) => seen.push(t))
      await captcha.withToken(async (t) => seen.push(t))
      const direct = await captcha.getToken()
      seen.push(direct)
      expect(new Set(seen).size).toBe(seen.length)
    })

    it('lets a joined call go once the submission settles, even when it failed, and sends nothing', async () => {
      const { captcha, el } = setup()
      captcha.mount(el)
      await flush()
      const first = captcha.withToken(async () => {
        await new Promise((r) => clock.setTimeout(() => r(undefined), 100))
        throw new Error('the server is down')
      })
      const joined = captcha.withToken(async () => 'never runs')
      const outcome = Promise.allSettled([first, joined])
      await clock.advance(100)
      const [sent, second] = await outcome
      expect(sent).toMatchObject({ status: 'rejected', reason: { message: 'the server is down' } })
      expect(second).toEqual({ status: 'fulfilled', value: undefined })
    })

    it('does not hand the token of a running submission to anyone else', async () => {
      const { captcha, el } = setup()
      captcha.mount(el)
      await flush()
      let inner: string | undefined
      const outer = await captcha.withToken(async (token) => {
        const other = captcha.getToken()
        await flush()
        inner = await other
        return token
      })
      expect(inner).toMatch(/^pt_/)
      expect(inner).not.toBe(outer)
    })

    it('counts the token spent when fn settles either way, and prepares a new one (background)', async () => {
      const { captcha, el, events } = setup({ refresh: 'background' })
      captcha.mount(el)
      await flush()
      const used = await captcha.execute()
      await expect(
        captcha.withToken(async (token) => {
          expect(token).toBe(used) // the unused token is handed out first
          throw new Error('server said no')
        }),
      ).rejects.toThrow('server said no')
      expect(events.find((e) => e.type === 'spent')).toBeDefined()
      expect(events.find((e) => e.type === 'submit:settled')).toMatchObject({ ok: false })
      await flush()
      const next = captcha.getSnapshot()
      expect(next.status).toBe('passed')
      expect(next.token).not.toBe(used)
    })

    it('auto: after the spend the widget is reset and the token cleared', async () => {
      const { captcha, el } = setup()
      captcha.mount(el)
      await flush()
      await captcha.withToken(() => 'sent')
      expect(captcha.getSnapshot()).toMatchObject({ status: 'ready', token: null })
      expect(fake.last().calls.at(-1)).toBe('reset')
    })

    it('never hands out a token after its expiry', async () => {
      const { captcha, el } = setup({ refresh: 'never', tokenTtlMs: 1000 })
      captcha.mount(el)
      await flush()
      const stale = await captcha.execute()
      clock.jump(1000)
      const sent = captcha.withToken((t) => t)
      await flush()
      await expect(sent).resolves.not.toBe(stale)
    })
  })

  describe('server tokens', () => {
    it('calls a serverToken function before init and passes the sct_', async () => {
      const serverToken = vi.fn(async () => 'sct_first')
      const { captcha, el, events } = setup({ serverToken })
      captcha.mount(el)
      await flush()
      expect(serverToken).toHaveBeenCalledTimes(1)
      expect(fake.last().options.serverToken).toBe('sct_first')
      expect(events.map((e) => e.type)).toEqual(['server_token:requested', 'server_token:received'])
    })

    it('answers onServerTokenExpired with a fresh sct_', async () => {
      let n = 0
      const { captcha, el } = setup({ serverToken: async () => `sct_${++n}` })
      captcha.mount(el)
      await flush()
      await expect(fake.last().options.onServerTokenExpired?.()).resolves.toBe('sct_2')
    })

    it('re-initialises with a new sct_ when the SDK fails with a server-token code', async () => {
      let n = 0
      const { captcha, el } = setup({ serverToken: async () => `sct_${++n}` }, { outcome: 'wait' })
      captcha.mount(el)
      await flush()
      const run = captcha.execute()
      const old = fake.last()
      old.fail({ message: 'Server token expired', code: 'server_token_expired' })
      await flush()
      expect(old.destroyed).toBe(true)
      expect(fake.widgets).toHaveLength(2)
      expect(fake.last().options.serverToken).toBe('sct_2')
      expect(fake.last().calls).toContain('verify') // the pending execute goes on with the new widget
      const token = fake.last().pass()
      await expect(run).resolves.toBe(token)
    })

    it('gives up after repeated server-token failures with the SDK error', async () => {
      const { captcha, el } = setup({ serverToken: async () => 'sct_x' }, { outcome: 'wait' })
      captcha.mount(el)
      await flush()
      const run = captcha.execute()
      const settled = expect(run).rejects.toMatchObject({ sdkCode: 'server_token_invalid' })
      for (let i = 0; i < 3; i++) {
        fake.last().fail('Invalid server token (server_token_invalid)')
        await flush()
      }
      await settled
      expect(fake.widgets).toHaveLength(3)
    })

    it('reports server_token_failed when the function throws', async () => {
      const { captcha, el } = setup({
        serverToken: async () => {
          throw new Error('backend down')
        },
      })
      captcha.mount(el)
      await flush()
      expect(captcha.getSnapshot()).toMatchObject({ status: 'error', error: { code: 'server_token_failed' } })
    })
  })

  describe('options', () => {
    it('changes lang in place with setLang', async () => {
      const { captcha, el } = setup({ lang: 'en' })
      captcha.mount(el)
      await flush()
      captcha.setOptions({ appKey: 'demo_app', action: 'login', product: 'bind', lang: 'ko' })
      expect(fake.widgets).toHaveLength(1)
      expect(fake.last().calls).toContain('setLang:ko')
    })

    it('re-initialises for a new lang when the SDK has no setLang', async () => {
      const { captcha, el } = setup({ lang: 'en' }, { withSetLang: false })
      captcha.mount(el)
      await flush()
      captcha.setOptions({ appKey: 'demo_app', action: 'login', product: 'bind', lang: 'ko' })
      await flush()
      expect(fake.widgets).toHaveLength(2)
      expect(fake.last().options.lang).toBe('ko')
    })

    it('re-initialises once for a new action, dropping the old token', async () => {
      const { captcha, el } = setup()
      captcha.mount(el)
      await flush()
      await captcha.execute()
      captcha.setOptions({ appKey: 'demo_app', action: 'register', product: 'bind' })
      await flush()
      expect(fake.widgets).toHaveLength(2)
      expect(fake.widgets[0]!.destroyed).toBe(true)
      expect(fake.last().options.action).toBe('register')
      expect(captcha.getSnapshot()).toMatchObject({ status: 'ready', token: null })
    })

    it('does not re-initialise for a new serverToken function or onEvent', async () => {
      const { captcha, el } = setup({ serverToken: async () => 'sct_a' })
      captcha.mount(el)
      await flush()
      captcha.setOptions({
        appKey: 'demo_app',
        action: 'login',
        product: 'bind',
        serverToken: async () => 'sct_b',
        onEvent() {},
      })
      await flush()
      expect(fake.widgets).toHaveLength(1)
    })

    it("builds init from the SDK's own keys only: no callback or kit option reaches the SDK", async () => {
      const { captcha, el } = setup({
        lang: 'ja',
        refresh: 'background',
        tokenTtlMs: 1000,
        onEvent() {},
        ...({ onPass() {}, onError() {}, onSuccess() {}, bindTo: '#x', inputName: 'x' } as object),
      })
      captcha.mount(el)
      await flush()
      expect(Object.keys(fake.last().options).sort()).toEqual(['action', 'appKey', 'lang', 'product'])
    })
  })

  it('emits tokens only as their id, prefix and length: the id the server records', async () => {
    const { captcha, el, events } = setup()
    captcha.mount(el)
    await flush()
    const token = await captcha.getToken()
    const text = JSON.stringify(events)
    expect(text).not.toContain(token)
    expect(events.find((e) => e.type === 'passed')).toMatchObject({
      token: { id: tokenId(token), prefix: 'pt_', length: token.length },
    })
    expect(events.every((e) => typeof e.at === 'number')).toBe(true)
  })

  it('reset clears the token and rejects a running execute', async () => {
    const { captcha, el } = setup({}, { outcome: 'wait' })
    captcha.mount(el)
    await flush()
    const run = captcha.execute()
    captcha.reset()
    await expect(run).rejects.toMatchObject({ code: 'aborted' })
    expect(captcha.getSnapshot()).toMatchObject({ status: 'ready', token: null })
  })

  it('ignores callbacks from a widget that was replaced', async () => {
    const { captcha, el } = setup({}, { outcome: 'wait' })
    captcha.mount(el)
    await flush()
    const old = fake.last()
    captcha.setOptions({ appKey: 'demo_app', action: 'pay', product: 'bind' })
    await flush()
    old.pass()
    expect(captcha.getSnapshot().token).toBeNull()
  })

  it('destroy leaves no timer, listener or DOM node behind', async () => {
    const add = vi.spyOn(document, 'addEventListener')
    const remove = vi.spyOn(document, 'removeEventListener')
    const addWin = vi.spyOn(window, 'addEventListener')
    const removeWin = vi.spyOn(window, 'removeEventListener')
    const { captcha, el } = setup({ product: 'embed', tokenTtlMs: 60_000 })
    const listener = vi.fn()
    captcha.subscribe(listener)
    captcha.mount(el)
    await flush()
    await captcha.execute()
    expect(clock.pending()).toBe(1) // the refresh timer
    expect(el.childElementCount).toBe(1)
    captcha.destroy()
    expect(clock.pending()).toBe(0)
    expect(el.childElementCount).toBe(0)
    expect(fake.last().destroyed).toBe(true)
    for (const [target, removed] of [
      [add, remove],
      [addWin, removeWin],
    ] as const) {
      // The whole call: a listener added for the capture phase is removed only with the same flag.
      for (const call of target.mock.calls) expect(removed.mock.calls).toContainEqual(call)
    }
    listener.mockClear()
    fake.last().pass()
    expect(listener).not.toHaveBeenCalled()
  })

  it('unmount then mount again (StrictMode) leaves exactly one live widget', async () => {
    const { captcha, el } = setup()
    const unmount = captcha.mount(el)
    unmount()
    captcha.mount(el)
    await flush()
    expect(fake.widgets.filter((w) => !w.destroyed)).toHaveLength(1)
    expect(captcha.getSnapshot().status).toBe('ready')
  })
})
