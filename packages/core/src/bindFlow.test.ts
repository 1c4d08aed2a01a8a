import { fakeScripts, type ScriptBehaviour } from '@captchala/kit-testing'
import { createFakeCaptchala, createTestClock, type TestClock } from '@captchala/testing'
import { afterEach, beforeEach, describe, expect, it, onTestFinished, vi } from 'vitest'
import type { CaptchaError } from './CaptchaError'
import type { CaptchaEvent } from './CaptchaEvent'
import { createCaptcha } from './createCaptcha'

let clock: TestClock
beforeEach(() => {
  clock = createTestClock()
})
afterEach(() => {
  delete window.Captchala
  document.body.innerHTML = ''
})

// A form with a submit button, the button bound to the widget, and the app's submit handler on withToken.
function boundForm(boundClick: 'holds' | 'letsThrough') {
  const fake = createFakeCaptchala({ boundClick })
  window.Captchala = fake.sdk
  document.body.innerHTML = '<form><input name="email"><button type="submit">Log in</button></form>'
  const form = document.querySelector('form')!
  const button = document.querySelector('button')!
  const captcha = createCaptcha({ appKey: 'demo_app', action: 'login', product: 'bind', clock })
  const sent: string[] = []
  const refusals: string[] = []
  let submits = 0
  form.addEventListener('submit', (event) => {
    event.preventDefault()
    submits++
    captcha
      .withToken(async (token) => {
        sent.push(token)
      })
      .catch((error: CaptchaError) => refusals.push(error.sdkCode ?? error.code))
  })
  captcha.mount(button)
  return { fake, captcha, button, sent, refusals, submits: () => submits }
}

describe('bind: one click, one challenge, one submission', () => {
  for (const boundClick of ['holds', 'letsThrough'] as const) {
    it(`when the SDK ${boundClick === 'holds' ? 'holds the click (as CaptchaLa does)' : 'lets the click through'}`, async () => {
      const { fake, button, sent, submits } = boundForm(boundClick)
      await clock.advance(0)
      button.click()
      await clock.advance(0)
      await clock.advance(0)
      expect(sent).toHaveLength(1)
      expect(sent[0]).toMatch(/^pt_/)
      expect(submits()).toBe(1)
      expect(fake.last().calls.filter((call) => call === 'verify')).toHaveLength(1)
    })
  }

  it('the next click runs the next challenge and sends the next token, never the spent one', async () => {
    const { button, sent } = boundForm('holds')
    await clock.advance(0)
    button.click()
    await clock.advance(0)
    await clock.advance(0)
    button.click()
    await clock.advance(0)
    await clock.advance(0)
    expect(sent).toHaveLength(2)
    expect(new Set(sent).size).toBe(2)
  })
})

// A visitor quicker than the script: with no SDK yet to hold the click, the form would go without a token
// (a native post, or a framework's form action reading its hidden field). The kit holds that click instead.
describe('bind: a click before the widget is there', () => {
  for (const when of ['mount', 'interaction'] as const) {
    it(`is held, and the form goes once, with a token, when the challenge passed (loader.when: ${when})`, async () => {
      const fake = createFakeCaptchala()
      window.Captchala = fake.sdk
      document.body.innerHTML = '<form><button type="submit">Subscribe</button></form>'
      const form = document.querySelector('form')!
      const button = document.querySelector('button')!
      const captcha = createCaptcha({
        appKey: 'demo_app',
        action: 'subscribe',
        product: 'bind',
        loader: { when },
        clock,
      })
      // What a native post or a form action sends: the token the form holds when it is submitted.
      const carried: (string | null)[] = []
      form.addEventListener('submit', (event) => {
        event.preventDefault()
        carried.push(captcha.getSnapshot().token)
      })
      captcha.mount(button)
      button.click()
      expect(carried).toEqual([])
      // The visitor is told the verification is loading (the status region's words), until its challenge runs.
      expect(captcha.getSnapshot()).toMatchObject({ status: 'loading', waiting: true })
      await clock.advance(0)
      await clock.advance(0)
      expect(captcha.getSnapshot().waiting).toBe(false)
      expect(carried).toEqual([fake.tokens[0]])
      expect(fake.last().calls.filter((call) => call === 'verify')).toHaveLength(1)
    })
  }
})

// No dead button: whatever stops the script (the page's policy, a host down or hanging), the visitor's click on
// the bound button reaches the app's own submit handler, whose withToken is refused with the load's error, so
// the app shows the visitor's words and a way to retry.
describe('bind: no dead button when the script cannot load', () => {
  // Each case its own host: a URL the page's policy refused stays refused for the page's whole life.
  function blockedForm(script: ScriptBehaviour, loader: Record<string, unknown> = { retries: 0 }) {
    const SCRIPT = `https://${script.kind}.cdn.example/captchala.js`
    const net = fakeScripts({ [SCRIPT]: script }, 5)
    onTestFinished(() => net.stop())
    document.body.innerHTML = '<form><button type="submit">Log in</button></form>'
    const form = document.querySelector('form')!
    const button = document.querySelector('button')!
    const captcha = createCaptcha({
      appKey: 'demo_app',
      action: 'login',
      product: 'bind',
      loader: { src: SCRIPT, ...loader },
      clock,
    })
    const events: CaptchaEvent[] = []
    captcha.subscribeEvents((event) => events.push(event))
    const refusals: string[] = []
    let submits = 0
    form.addEventListener('submit', (event) => {
      event.preventDefault()
      submits++
      captcha.withToken(async () => {}).catch((error: CaptchaError) => refusals.push(error.code))
    })
    captcha.mount(button)
    const requested = () => events.filter((event) => event.type === 'script:requested').length
    const errors = () => events.filter((event) => event.type === 'error').length
    return { captcha, button, refusals, submits: () => submits, requested, errors }
  }

  // Lets the fake network (real time) and the loader's polling (the test clock) answer.
  const settle = async () => {
    for (let step = 0; step < 5; step++) {
      await new Promise((resolve) => setTimeout(resolve, 10))
      await clock.advance(50)
    }
  }

  it('a script the page blocks: the click submits the form, withToken is refused at once, nothing requested again', async () => {
    const form = blockedForm({ kind: 'blocked' })
    await settle()
    expect(form.captcha.getSnapshot().error?.code).toBe('script_blocked')
    const requestedBefore = form.requested()
    form.button.click()
    await clock.advance(0)
    expect(form.submits()).toBe(1)
    expect(form.refusals).toEqual(['script_blocked'])
    expect(form.requested()).toBe(requestedBefore)
  })

  it('a host down: the click submits the form, and withToken is refused after one more load', async () => {
    const form = blockedForm({ kind: 'error' })
    await settle()
    expect(form.captcha.getSnapshot().error?.code).toBe('script_load_failed')
    const requestedBefore = form.requested()
    form.button.click()
    await settle()
    expect(form.submits()).toBe(1)
    expect(form.refusals).toEqual(['script_load_failed'])
    expect(form.requested()).toBe(requestedBefore + 1)
  })

  it('a click held while a host hangs is answered when the widget stops waiting, whatever retries the loader has left', async () => {
    const form = blockedForm({ kind: 'hang' }, { retries: 2 })
    await settle()
    form.button.click()
    expect(form.submits()).toBe(0)
    expect(form.captcha.getSnapshot()).toMatchObject({ status: 'loading', waiting: true })
    // One host's time (10 s) and room for the next: the loader would go on for its two further passes.
    await clock.advance(12_000)
    expect(form.submits()).toBe(1)
    expect(form.refusals).toEqual(['script_timeout'])
    expect(form.errors()).toBe(1)
    // The loading words give way to the failure's.
    expect(form.captcha.getSnapshot()).toMatchObject({
      status: 'error',
      error: { code: 'script_timeout' },
      waiting: false,
    })
    // The page's one load goes on after the widget stopped waiting: let it end, or the next case joins it.
    await clock.advance(60_000)
  })

  it('a widget that stopped waiting is built when the page’s load brings the script after all', async () => {
    const SCRIPT = 'https://late.cdn.example/captchala.js'
    const routes: Record<string, ScriptBehaviour> = { [SCRIPT]: { kind: 'hang' } }
    const net = fakeScripts(routes, 5)
    onTestFinished(() => net.stop())
    document.body.innerHTML = '<form><button type="submit">Log in</button></form>'
    // A copy of the module of its own: the page's load that succeeds here lives in module state.
    vi.resetModules()
    const { createCaptcha: createInFreshPage } = await import('./createCaptcha')
    const captcha = createInFreshPage({
      appKey: 'demo_app',
      action: 'login',
      product: 'bind',
      loader: { src: SCRIPT, retries: 2 },
      clock,
    })
    captcha.mount(document.querySelector('button')!)
    await clock.advance(12_000)
    expect(captcha.getSnapshot()).toMatchObject({ status: 'error', error: { code: 'script_timeout' } })
    // The host answers on one of the loader's next passes (each waits 10 s for it, after a backoff).
    routes[SCRIPT] = { kind: 'sdk', sdk: createFakeCaptchala().sdk }
    for (let step = 0; step < 300 && captcha.getSnapshot().status !== 'ready'; step++) {
      await new Promise((resolve) => setTimeout(resolve, 5))
      await clock.advance(200)
    }
    // Ready, with no click and no retry asked for: the failure state goes as the widget comes.
    expect(captcha.getSnapshot()).toMatchObject({ status: 'ready', error: null })
    captcha.destroy()
  })
})

describe('bind: no dead button when the challenge fails', () => {
  // boundForm('holds'): the SDK holds the bound click, as CaptchaLa does
  const verifies = (fake: ReturnType<typeof createFakeCaptchala>) =>
    fake.widgets.flatMap((widget) => widget.calls).filter((call) => call === 'verify').length

  for (const [what, outcome, expected] of [
    ['refused', { outcome: 'fail', code: 'risk_rejected' }, 'risk_rejected'],
    ['refused for a wrong app key', { outcome: 'fail', code: 'invalid_app_key' }, 'invalid_app_key'],
  ] as const) {
    it(`${what}: the click submits the form once, and withToken is refused at once with the SDK's code`, async () => {
      const { fake, button, sent, refusals, submits } = boundForm('holds')
      await clock.advance(0)
      fake.nextChallenge(outcome)
      button.click()
      await clock.advance(0)
      await clock.advance(0)
      expect({ submits: submits(), refusals, sent }).toEqual({ submits: 1, refusals: [expected], sent: [] })
      expect(verifies(fake)).toBe(1)
    })
  }

  it('a challenge that never ends: the click submits the form when the kit stops waiting (challenge_timeout)', async () => {
    const { fake, button, sent, refusals, submits } = boundForm('holds')
    await clock.advance(0)
    fake.nextChallenge('wait')
    button.click()
    await clock.advance(0)
    expect(submits()).toBe(0)
    await clock.advance(60_000)
    expect({ submits: submits(), refusals, sent }).toEqual({
      submits: 1,
      refusals: ['challenge_timeout'],
      sent: [],
    })
  })

  it('a challenge the visitor closed is not a failure: the click is not let go, then or after a later pass', async () => {
    const { fake, captcha, button, submits } = boundForm('holds')
    await clock.advance(0)
    fake.nextChallenge('close')
    button.click()
    await clock.advance(0)
    expect(submits()).toBe(0)
    // A pass the app asks for itself (not a click): the closed click is not sent with it.
    await captcha.execute()
    await clock.advance(0)
    expect(submits()).toBe(0)
  })
})

describe('the widget waits for the script alone', () => {
  it('a server token slower than the patience is not called a script timeout', async () => {
    const fake = createFakeCaptchala()
    const SCRIPT = 'https://slow-backend.cdn.example/captchala.js'
    const net = fakeScripts({ [SCRIPT]: { kind: 'sdk', sdk: fake.sdk } }, 5)
    onTestFinished(() => net.stop())
    document.body.innerHTML = '<form><button type="submit">Log in</button></form>'
    const captcha = createCaptcha({
      appKey: 'demo_app',
      product: 'bind',
      loader: { src: SCRIPT, retries: 0 },
      // The site's backend answers after 20 s, and then fails.
      serverToken: () =>
        new Promise<string>((_, reject) => clock.setTimeout(() => reject(new Error('backend down')), 20_000)),
      clock,
    })
    let loaded = false
    captcha.subscribeEvents((event) => {
      loaded ||= event.type === 'script:loaded'
    })
    captcha.mount(document.querySelector('button')!)
    // The script: the fake network answers in real time, the loader looks in the test clock's.
    for (let step = 0; step < 100 && !loaded; step++) {
      await new Promise((resolve) => setTimeout(resolve, 10))
      await clock.advance(50)
    }
    expect(loaded).toBe(true)
    await clock.advance(25_000)
    expect(captcha.getSnapshot().error?.code).toBe('server_token_failed')
  })
})
