import { afterEach, describe, expect, it } from 'vitest'
import { createCaptcha } from '../../core/src/createCaptcha'
import { createTestClock } from './createTestClock'
import { type FakeCaptchala, installFakeCaptchala } from './fakeCaptchala'

// The fake as users drive it: through the kit's own controller, with the outcomes the README promises.
let fake: FakeCaptchala
afterEach(() => {
  fake.uninstall()
  document.body.innerHTML = ''
})

function mountedCaptcha(clock = createTestClock()) {
  const captcha = createCaptcha({ appKey: 'test_app', action: 'login', clock })
  captcha.mount(document.body.appendChild(document.createElement('div')))
  return { captcha, clock }
}

describe('installFakeCaptchala', () => {
  it('is what the kit uses instead of loading a script, and passes by default', async () => {
    fake = installFakeCaptchala()
    const { captcha } = mountedCaptcha()
    const token = await captcha.execute()
    expect(token).toMatch(/^pt_/)
    expect(fake.tokens).toEqual([token])
    expect(document.querySelectorAll('script')).toHaveLength(0)
    expect(fake.last().options).toMatchObject({ appKey: 'test_app', action: 'login' })
  })

  it('plays the queued outcomes in order, then the default again', async () => {
    fake = installFakeCaptchala()
    fake.nextChallenge({ outcome: 'fail', code: 'risk_rejected' })
    fake.nextChallenge('close')
    fake.nextChallenge({ outcome: 'pass', token: 'pt_chosen' })
    const { captcha } = mountedCaptcha()
    await expect(captcha.execute()).rejects.toMatchObject({ code: 'sdk_error', sdkCode: 'risk_rejected' })
    await expect(captcha.execute()).rejects.toMatchObject({ code: 'challenge_closed' })
    await expect(captcha.execute()).resolves.toBe('pt_chosen')
    captcha.reset()
    await expect(captcha.execute()).resolves.toMatch(/^pt_/)
  })

  it('expire: the kit asks for new challenges, then reports challenge_expired', async () => {
    fake = installFakeCaptchala({ outcome: 'expire' })
    const { captcha } = mountedCaptcha()
    await expect(captcha.execute()).rejects.toMatchObject({ sdkCode: 'challenge_expired' })
    expect(fake.widgets.length).toBeGreaterThan(1)
  })

  it('wait: the test settles the challenge itself', async () => {
    fake = installFakeCaptchala({ outcome: 'wait' })
    const { captcha, clock } = mountedCaptcha()
    const pending = captcha.execute()
    await clock.advance(0)
    expect(captcha.getSnapshot().status).toBe('verifying')
    fake.last().pass({ token: 'pt_by_hand' })
    await expect(pending).resolves.toBe('pt_by_hand')
  })

  it('ttl with the test clock: the token expires when the clock says so', async () => {
    fake = installFakeCaptchala({ ttl: 60 })
    const { captcha, clock } = mountedCaptcha()
    await captcha.execute()
    await clock.advance(60_000)
    expect(captcha.getSnapshot()).toMatchObject({ status: 'expired', token: null })
  })

  it('names what is missing when no widget was made', () => {
    fake = installFakeCaptchala()
    expect(() => fake.last()).toThrow(/No CaptchaLa widget/)
  })
})
