import { createFakeCaptchala, createTestClock, type TestClock } from '@captchala/testing'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
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
  let submits = 0
  form.addEventListener('submit', (event) => {
    event.preventDefault()
    submits++
    void captcha.withToken(async (token) => {
      sent.push(token)
    })
  })
  captcha.mount(button)
  return { fake, captcha, button, sent, submits: () => submits }
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
      await clock.advance(0)
      await clock.advance(0)
      expect(carried).toEqual([fake.tokens[0]])
      expect(fake.last().calls.filter((call) => call === 'verify')).toHaveLength(1)
    })
  }
})
