import { describe, expect, it } from 'vitest'
import { CaptchaError, fromSdkError, toCaptchaError } from './CaptchaError'

describe('fromSdkError', () => {
  it.each([
    ['Token expired (token_expired)', 'Token expired', 'token_expired'],
    ['  Rate limited (rate_limit_exceeded)  ', 'Rate limited', 'rate_limit_exceeded'],
    ['plain text', 'plain text', undefined],
    [{ message: 'Blocked', code: 'invalid_answer' }, 'Blocked', 'invalid_answer'],
    [{ message: 'Wrapped (challenge_expired)' }, 'Wrapped', 'challenge_expired'],
    [{ code: 1003 }, 'Verification failed. Try again.', '1003'],
    [{ message: 'only a message' }, 'only a message', undefined],
    [
      { message: 'invalid_app_key', code: 'invalid_app_key' },
      'CaptchaLa does not know this app key: check `appKey` (the public key, never the secret).',
      'invalid_app_key',
    ],
    [
      { message: 'rate_limit_exceeded', code: 'rate_limit_exceeded' },
      'Too many attempts. Wait a moment and try again.',
      'rate_limit_exceeded',
    ],
    [{ code: 'brand_new_code' }, 'Verification failed. Try again.', 'brand_new_code'],
    [null, 'Verification failed. Try again.', undefined],
    [undefined, 'Verification failed. Try again.', undefined],
  ])('reads %j', (arg, message, sdkCode) => {
    const error = fromSdkError(arg as never)
    expect(error).toBeInstanceOf(CaptchaError)
    expect(error).toBeInstanceOf(Error)
    expect(error).toMatchObject({ name: 'CaptchaError', code: 'sdk_error', message, sdkCode })
  })
})

describe('CaptchaError', () => {
  it('says the cause and the fix, appends the detail, and keeps the wrapped error as its cause', () => {
    const cause = new TypeError('Failed to fetch')
    const error = new CaptchaError('script_load_failed', {
      detail: 'https://cdn.example/captchala.js',
      cause,
    })
    expect(error.message).toMatch(/failed to load.*loader\.src.*\(https:\/\/cdn\.example\/captchala\.js\)$/)
    expect(error.cause).toBe(cause)
    expect(new CaptchaError('script_blocked').message).toMatch(/Content-Security-Policy.*nonce/)
  })

  it('names its category: the stage to look at, from the SDK`s code when it gave one', () => {
    expect(new CaptchaError('script_blocked').category).toBe('loading')
    expect(new CaptchaError('missing_app_key').category).toBe('config')
    expect(new CaptchaError('token_expired').category).toBe('token')
    expect(new CaptchaError('challenge_closed').category).toBe('visitor')
    expect(fromSdkError('Risk too high (risk_rejected)').category).toBe('visitor')
    expect(fromSdkError({ code: 'invalid_app_key', message: '' }).category).toBe('config')
    expect(fromSdkError('Something new (brand_new_code)').category).toBe('visitor')
  })

  it('toCaptchaError keeps a CaptchaError and wraps anything else as the cause', () => {
    const known = new CaptchaError('aborted')
    expect(toCaptchaError(known, 'sdk_error')).toBe(known)
    const wrapped = toCaptchaError('boom', 'sdk_error')
    expect(wrapped).toMatchObject({ code: 'sdk_error', cause: 'boom' })
  })
})
