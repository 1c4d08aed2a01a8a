import { fakeScripts, type ScriptBehaviour } from '@captchala/kit-testing'
import { createFakeCaptchala, createTestClock } from '@captchala/testing'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'

const MAIN = 'https://cdn.captcha-cdn.net/captchala.js'
const BACKUP = 'https://cdn.captchala.com/captchala.js'

// The shared load lives in module state: every test gets a fresh copy of the module.
async function setup(routes: Record<string, ScriptBehaviour>) {
  vi.resetModules()
  const net = fakeScripts(routes)
  const core = await import('./index')
  return { net, core }
}

let net: ReturnType<typeof fakeScripts> | undefined
beforeEach(() => vi.useFakeTimers())
afterEach(() => {
  net?.stop()
  vi.useRealTimers()
})

describe('loadCaptchala', () => {
  it('makes one script request for 20 controllers mounting at once', async () => {
    const fake = createFakeCaptchala()
    const s = await setup({ [MAIN]: { kind: 'sdk', sdk: fake.sdk } })
    net = s.net
    const controllers = Array.from({ length: 20 }, () => s.core.createCaptcha({ appKey: 'k' }))
    for (const c of controllers) c.mount(document.body.appendChild(document.createElement('div')))
    await vi.advanceTimersByTimeAsync(100)
    expect(net.requests).toEqual([MAIN])
    expect(controllers.every((c) => c.getSnapshot().status === 'ready')).toBe(true)
    expect(fake.widgets).toHaveLength(20)
  })

  it('falls back to the next host when the first answers 404, and removes the failed tag', async () => {
    const fake = createFakeCaptchala()
    const s = await setup({ [MAIN]: { kind: 'error' }, [BACKUP]: { kind: 'sdk', sdk: fake.sdk } })
    net = s.net
    const events: string[] = []
    const sdk = s.core.loadCaptchala({ onEvent: (e) => events.push(`${e.type} ${'url' in e ? e.url : ''}`) })
    await vi.advanceTimersByTimeAsync(200)
    await expect(sdk).resolves.toBe(fake.sdk)
    expect(net.requests).toEqual([MAIN, BACKUP])
    expect([...document.scripts].map((t) => t.src)).toEqual([BACKUP])
    expect(events).toEqual([
      `script:requested ${MAIN}`,
      `script:failed ${MAIN}`,
      `script:requested ${BACKUP}`,
      `script:loaded ${BACKUP}`,
    ])
  })

  it('rejects with script_load_failed, not undefined, when given no script to load', async () => {
    const s = await setup({})
    net = s.net
    const sdk = s.core.loadCaptchala({ src: [], retries: 0 })
    await expect(sdk).rejects.toMatchObject({ name: 'CaptchaError', code: 'script_load_failed' })
    expect(net.requests).toEqual([])
  })

  it('times out with script_timeout when a script loads but never defines the SDK', async () => {
    const s = await setup({ [MAIN]: { kind: 'empty' } })
    net = s.net
    const sdk = s.core.loadCaptchala({ src: MAIN, retries: 0, timeoutMs: 3000 })
    const settled = expect(sdk).rejects.toMatchObject({ name: 'CaptchaError', code: 'script_timeout' })
    await vi.advanceTimersByTimeAsync(2999)
    expect(document.scripts).toHaveLength(1)
    await vi.advanceTimersByTimeAsync(1)
    await settled
    expect(document.scripts).toHaveLength(0)
  })

  it('keeps the controller’s time: its test clock moves the load’s deadline, no global timer needed', async () => {
    const s = await setup({ [MAIN]: { kind: 'empty' } })
    net = s.net
    const clock = createTestClock()
    const loader = { src: MAIN, retries: 0, timeoutMs: 3000 }
    const captcha = s.core.createCaptcha({ appKey: 'k', loader, clock })
    captcha.mount(document.body.appendChild(document.createElement('div')))
    await clock.advance(2999)
    expect(captcha.getSnapshot().status).toBe('loading')
    await clock.advance(1)
    expect(captcha.getSnapshot()).toMatchObject({ status: 'error', error: { code: 'script_timeout' } })
  })

  it('retries whole passes with growing, jittered backoff, then rejects with the last failure', async () => {
    const s = await setup({})
    net = s.net
    const sdk = s.core.loadCaptchala({ retries: 2 })
    const settled = expect(sdk).rejects.toMatchObject({ code: 'script_load_failed' })
    await vi.advanceTimersByTimeAsync(60_000)
    await settled
    expect(net.requests).toEqual([MAIN, BACKUP, MAIN, BACKUP, MAIN, BACKUP])
  })

  it('does not cache a failure: a later call tries again', async () => {
    const fake = createFakeCaptchala()
    const routes: Record<string, ScriptBehaviour> = { [MAIN]: { kind: 'error' } }
    const s = await setup(routes)
    net = s.net
    const first = s.core.loadCaptchala({ src: MAIN, retries: 0 })
    const failed = expect(first).rejects.toMatchObject({ code: 'script_load_failed' })
    await vi.advanceTimersByTimeAsync(100)
    await failed
    routes[MAIN] = { kind: 'sdk', sdk: fake.sdk }
    const second = s.core.loadCaptchala({ src: MAIN, retries: 0 })
    await vi.advanceTimersByTimeAsync(100)
    await expect(second).resolves.toBe(fake.sdk)
    expect(net.requests).toEqual([MAIN, MAIN])
  })

  it('a URL one caller`s Trusted Types policy refused: at once, no request, never retried; another policy still loads it', async () => {
    const fake = createFakeCaptchala()
    const s = await setup({ [MAIN]: { kind: 'sdk', sdk: fake.sdk } })
    net = s.net
    const refusing = {
      createScriptURL(): string {
        throw new TypeError('refused by the page')
      },
    }
    const events: string[] = []
    const first = s.core.loadCaptchala({
      src: MAIN,
      trustedTypesPolicy: refusing,
      onEvent: (event) => events.push(event.type),
    })
    // at once: no pass waits for a backoff, since the refusal is not retried
    await expect(first).rejects.toMatchObject({ code: 'script_blocked' })
    expect(events).toEqual(['script:failed'])
    expect(net.requests).toEqual([])
    const accepting = { createScriptURL: (url: string) => url }
    const second = s.core.loadCaptchala({ src: MAIN, trustedTypesPolicy: accepting })
    await vi.advanceTimersByTimeAsync(100)
    await expect(second).resolves.toBe(fake.sdk)
    expect(net.requests).toEqual([MAIN])
  })

  it('sets the nonce as an attribute of the script tag', async () => {
    const fake = createFakeCaptchala()
    const s = await setup({ [MAIN]: { kind: 'sdk', sdk: fake.sdk } })
    net = s.net
    const sdk = s.core.loadCaptchala({ nonce: 'r4nd0m' })
    expect(document.querySelector('script')?.getAttribute('nonce')).toBe('r4nd0m')
    await vi.advanceTimersByTimeAsync(100)
    await sdk
  })

  it('accepts hosts and script URLs, and runs a captchala-loader.js through window.loadCaptchala', async () => {
    const fake = createFakeCaptchala()
    const loader = 'http://127.0.0.1:8787/captchala-loader.js'
    const s = await setup({ [loader]: { kind: 'loader', sdk: fake.sdk } })
    net = s.net
    const sdk = s.core.loadCaptchala({ src: [loader] })
    await vi.advanceTimersByTimeAsync(100)
    await expect(sdk).resolves.toBe(fake.sdk)
    expect(net.requests).toEqual([loader])
  })

  it('turns a host into its /captchala.js', async () => {
    const fake = createFakeCaptchala()
    const s = await setup({ 'http://127.0.0.1:8787/captchala.js': { kind: 'sdk', sdk: fake.sdk } })
    net = s.net
    const sdk = s.core.loadCaptchala({ src: 'http://127.0.0.1:8787/' })
    await vi.advanceTimersByTimeAsync(100)
    await expect(sdk).resolves.toBe(fake.sdk)
  })

  it('uses a global that is already there without any request', async () => {
    const fake = createFakeCaptchala()
    const s = await setup({})
    net = s.net
    window.Captchala = fake.sdk
    await expect(s.core.loadCaptchala()).resolves.toBe(fake.sdk)
    expect(net.requests).toEqual([])
  })

  it('waits on a captchala.js tag the page already has instead of adding another', async () => {
    const fake = createFakeCaptchala()
    const s = await setup({})
    net = s.net
    const tag = document.createElement('script')
    tag.src = 'https://example.test/vendor/captchala.js'
    document.head.append(tag)
    const sdk = s.core.loadCaptchala()
    await vi.advanceTimersByTimeAsync(500)
    window.Captchala = fake.sdk
    await vi.advanceTimersByTimeAsync(50)
    await expect(sdk).resolves.toBe(fake.sdk)
    expect(net.requests).toEqual(['https://example.test/vendor/captchala.js'])
  })

  it('rejects this caller with aborted on its signal, while the shared load goes on', async () => {
    const fake = createFakeCaptchala()
    const s = await setup({ [MAIN]: { kind: 'sdk', sdk: fake.sdk } })
    net = s.net
    const controller = new AbortController()
    const mine = s.core.loadCaptchala({ signal: controller.signal })
    const other = s.core.loadCaptchala()
    controller.abort()
    await expect(mine).rejects.toMatchObject({ code: 'aborted' })
    await vi.advanceTimersByTimeAsync(100)
    await expect(other).resolves.toBe(fake.sdk)
    expect(net.requests).toEqual([MAIN])
  })
})
