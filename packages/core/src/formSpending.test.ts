import { createFakeCaptchala, createTestClock, type TestClock } from '@captchala/testing'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { CaptchaEvent } from './CaptchaEvent'
import { type CaptchaOptions, createCaptcha } from './createCaptcha'

// Issue 22: a token sent by a form is spent, a task after the submit event, as after withToken.
let clock: TestClock
let fake: ReturnType<typeof createFakeCaptchala>

/** A form with the widget and a hidden input that shows the token, as the bindings render them. */
async function passedForm(options: Partial<CaptchaOptions> = {}, { withInput = true } = {}) {
  fake = createFakeCaptchala()
  window.Captchala = fake.sdk
  const form = document.body.appendChild(document.createElement('form'))
  const input = Object.assign(document.createElement('input'), { type: 'hidden', name: 'captchala_token' })
  if (withInput) form.append(input)
  const widget = form.appendChild(document.createElement('div'))
  const captcha = createCaptcha({ appKey: 'demo_app', product: 'popup', clock, ...options })
  const events: CaptchaEvent[] = []
  captcha.subscribeEvents((event) => events.push(event))
  // What React's and Vue's <Captcha> do: the input shows the current token.
  captcha.subscribe(() => {
    input.value = captcha.getSnapshot().token ?? ''
  })
  captcha.mount(widget)
  await clock.advance(0)
  const token = await tokenFrom(captcha.execute())
  return { captcha, form, input, token, events }
}

/** The fake SDK passes each challenge it is asked for, once time moves. */
async function tokenFrom(pending: Promise<string>) {
  await clock.advance(0)
  return pending
}

/** Submits as a browser does, without leaving the page (the frameworks' forms cancel the navigation). */
const submit = (form: HTMLFormElement) =>
  form.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }))

beforeEach(() => {
  clock = createTestClock()
})
afterEach(() => {
  delete window.Captchala
  document.body.innerHTML = ''
})

describe('a form post spends the token it carries', () => {
  it('after every submit handler read it: the handler that builds FormData sees the token', async () => {
    const { captcha, form, token, events } = await passedForm()
    let sent: FormDataEntryValue | null = null
    form.addEventListener('submit', (event) => {
      event.preventDefault()
      sent = new FormData(form).get('captchala_token')
    })
    submit(form)
    expect(sent).toBe(token)
    expect(captcha.getSnapshot()).toMatchObject({ status: 'passed', token })
    await clock.advance(0)
    expect(captcha.getSnapshot()).toMatchObject({ status: 'ready', token: null })
    expect(events.filter((event) => event.type === 'spent')).toHaveLength(1)
    // The widget shows its unverified state, and no puzzle starts on its own.
    expect(fake.last().calls.at(-1)).toBe('reset')
    expect(fake.last().calls.filter((call) => call === 'verify')).toHaveLength(1)
  })

  it('never hands the posted token out again, and the next submission gets a fresh one', async () => {
    const { captcha, form, token } = await passedForm()
    submit(form)
    await clock.advance(0)
    expect(await tokenFrom(captcha.getToken())).not.toBe(token)
  })

  it('spends once, however many times the event is seen', async () => {
    const { form, events } = await passedForm()
    submit(form)
    submit(form)
    await clock.advance(0)
    expect(events.filter((event) => event.type === 'spent')).toHaveLength(1)
  })

  it('leaves the token alone when FormData is built outside a submit (a validation library on each keystroke)', async () => {
    const { captcha, form, token } = await passedForm()
    expect(new FormData(form).get('captchala_token')).toBe(token)
    form.dispatchEvent(new Event('formdata', { bubbles: true }))
    await clock.advance(0)
    expect(captcha.getSnapshot()).toMatchObject({ status: 'passed', token })
  })

  it('leaves it alone with spendOnSubmit: false', async () => {
    const { captcha, form, token } = await passedForm({ spendOnSubmit: false })
    submit(form)
    await clock.advance(0)
    expect(captcha.getSnapshot()).toMatchObject({ status: 'passed', token })
  })

  it('leaves it alone when the form does not carry it (no hidden input, or another form)', async () => {
    const { captcha, form, token } = await passedForm({}, { withInput: false })
    submit(form)
    const other = document.body.appendChild(document.createElement('form'))
    other.append(Object.assign(document.createElement('input'), { name: 'q', value: 'x' }))
    submit(other)
    await clock.advance(0)
    expect(captcha.getSnapshot()).toMatchObject({ status: 'passed', token })
  })

  it('stops listening once unmounted', async () => {
    const { captcha, form, events } = await passedForm()
    captcha.destroy()
    submit(form)
    await clock.advance(0)
    expect(events.filter((event) => event.type === 'spent')).toHaveLength(0)
  })
})
