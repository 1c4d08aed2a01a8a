import { describe, expect, it } from 'vitest'
import { describeTarget, resolveCaptchalaConfig } from '../src/runtime/config'

describe('resolveCaptchalaConfig', () => {
  it('uses the emulator and its demo app while no app key is set', () => {
    const config = resolveCaptchalaConfig({
      appKey: '',
      emulator: 'http://127.0.0.1:9999/',
      loader: { src: '' },
    })
    expect(config).toMatchObject({
      usesEmulator: true,
      appKey: 'demo_app',
      appSecret: 'demo_secret',
      loader: { src: 'http://127.0.0.1:9999', nonce: undefined },
      baseUrl: 'http://127.0.0.1:9999',
      backupUrl: 'http://127.0.0.1:9999/api/validate',
    })
    expect(describeTarget(config)).toContain('emulator at http://127.0.0.1:9999')
  })

  it('uses CaptchaLa once an app key is set, and never gives a secret from the public half', () => {
    const config = resolveCaptchalaConfig(
      { appKey: 'pk_live', emulator: 'http://127.0.0.1:8787', loader: { src: '', nonce: '' } },
      { appSecret: 'sk_live', baseUrl: '', backupUrl: '', log: false, environment: 'staging' },
    )
    expect(config).toEqual({
      usesEmulator: false,
      log: false,
      environment: 'staging',
      appKey: 'pk_live',
      appSecret: 'sk_live',
      loader: { src: undefined, nonce: undefined },
      baseUrl: undefined,
      backupUrl: undefined,
    })
    expect(resolveCaptchalaConfig({ appKey: 'pk_live' })).toMatchObject({ appSecret: '', log: true })
  })

  it("takes the loader's host and nonce from the config, over the emulator's", () => {
    const config = resolveCaptchalaConfig({
      appKey: 'pk_live',
      emulator: '',
      loader: { src: ['https://cdn.example/captchala.js', 'https://cdn2.example'], nonce: 'n0nce' },
    })
    expect(config.loader).toEqual({
      src: ['https://cdn.example/captchala.js', 'https://cdn2.example'],
      nonce: 'n0nce',
    })
  })

  it('without a key or an emulator, says what to set', () => {
    const config = resolveCaptchalaConfig({ appKey: '', emulator: '' })
    expect(config.usesEmulator).toBe(false)
    expect(describeTarget(config)).toContain('NUXT_PUBLIC_CAPTCHALA_APP_KEY')
  })
})
