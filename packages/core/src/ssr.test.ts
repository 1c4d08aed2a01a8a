// @vitest-environment node
import { describe, expect, it } from 'vitest'

describe('on the server', () => {
  it('imports and creates a controller without window or document', async () => {
    expect(typeof window).toBe('undefined')
    const core = await import('./index')
    const captcha = core.createCaptcha({ appKey: 'demo_app' })
    expect(captcha.getSnapshot().status).toBe('idle')
    captcha.subscribe(() => {})()
    captcha.setOptions({ appKey: 'demo_app', lang: 'en' })
    captcha.reset()
    await expect(captcha.execute()).rejects.toMatchObject({ code: 'not_mounted' })
    captcha.destroy()
  })

  it('loadCaptchala rejects at once with ssr', async () => {
    const { loadCaptchala } = await import('./index')
    await expect(loadCaptchala()).rejects.toMatchObject({ name: 'CaptchaError', code: 'ssr' })
  })
})
