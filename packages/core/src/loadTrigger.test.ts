import { createFakeCaptchala, createTestClock, type TestClock } from '@captchala/testing'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createCaptcha } from './createCaptcha'
import type { LoadWhen } from './loadTrigger'

// jsdom has no IntersectionObserver: one the test drives, as the browser would when the form scrolls in.
class FakeIntersectionObserver {
  static last: FakeIntersectionObserver | undefined
  observed: Element[] = []
  disconnected = false
  constructor(readonly callback: (entries: Array<{ isIntersecting: boolean }>) => void) {
    FakeIntersectionObserver.last = this
  }
  observe(element: Element) {
    this.observed.push(element)
  }
  disconnect() {
    this.disconnected = true
  }
  scrollIntoView() {
    this.callback([{ isIntersecting: true }])
  }
}

let clock: TestClock
let fake: ReturnType<typeof createFakeCaptchala>

beforeEach(() => {
  clock = createTestClock()
  fake = createFakeCaptchala()
  window.Captchala = fake.sdk
  vi.stubGlobal('IntersectionObserver', FakeIntersectionObserver)
})
afterEach(() => {
  delete window.Captchala
  vi.unstubAllGlobals()
  document.body.innerHTML = ''
})

function mountIn(when: LoadWhen) {
  const form = document.body.appendChild(document.createElement('form'))
  const email = form.appendChild(document.createElement('input'))
  const el = form.appendChild(document.createElement('div'))
  const captcha = createCaptcha({
    appKey: 'demo_app',
    action: 'login',
    product: 'embed',
    clock,
    loader: { when },
  })
  const scriptEvents: string[] = []
  captcha.subscribeEvents((event) => event.type.startsWith('script:') && scriptEvents.push(event.type))
  captcha.mount(el)
  return { captcha, form, email, el, scriptEvents }
}

describe('loader.when', () => {
  it('interaction: nothing loads until the first focus in the form, then once', async () => {
    const { captcha, email, form, scriptEvents } = mountIn('interaction')
    await clock.advance(1_000)
    expect(scriptEvents).toEqual([])
    expect(fake.widgets).toHaveLength(0)
    expect(captcha.getSnapshot().status).toBe('idle')
    email.dispatchEvent(new FocusEvent('focusin', { bubbles: true }))
    await clock.advance(0)
    expect(captcha.getSnapshot().status).toBe('ready')
    form.dispatchEvent(new Event('pointerdown', { bubbles: true }))
    email.dispatchEvent(new FocusEvent('focusin', { bubbles: true }))
    await clock.advance(0)
    expect(fake.widgets).toHaveLength(1)
  })

  it('visible: nothing loads until the element is on screen', async () => {
    const { captcha, el } = mountIn('visible')
    await clock.advance(1_000)
    expect(fake.widgets).toHaveLength(0)
    const observer = FakeIntersectionObserver.last!
    expect(observer.observed).toEqual([el])
    observer.scrollIntoView()
    await clock.advance(0)
    expect(captcha.getSnapshot().status).toBe('ready')
    expect(observer.disconnected).toBe(true)
  })

  it('withToken before any interaction loads first, and a double click still sends one token', async () => {
    const { captcha } = mountIn('interaction')
    const sent: string[] = []
    const send = (token: string) => {
      sent.push(token)
      return 'ok'
    }
    const first = captcha.withToken(send)
    const second = captcha.withToken(send)
    await clock.advance(0)
    fake.last().pass()
    await clock.advance(0)
    expect(await first).toBe('ok')
    expect(await second).toBeUndefined()
    expect(sent).toHaveLength(1)
    expect(fake.widgets).toHaveLength(1)
  })

  it('an unmount before the moment comes leaves no listener and no observer behind', async () => {
    const { captcha, email } = mountIn('interaction')
    captcha.destroy()
    email.dispatchEvent(new FocusEvent('focusin', { bubbles: true }))
    await clock.advance(0)
    expect(fake.widgets).toHaveLength(0)
  })
})
