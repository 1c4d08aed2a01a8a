import { describe, expect, it } from 'vitest'
import { CaptchaError, fromSdkError } from './CaptchaError'

describe('fromSdkError', () => {
  it.each([
    ['Token expired (token_expired)', 'Token expired', 'token_expired'],
    ['  Rate limited (rate_limit_exceeded)  ', 'Rate limited', 'rate_limit_exceeded'],
    ['plain text', 'plain text', undefined],
    [{ message: 'Blocked', code: 'invalid_answer' }, 'Blocked', 'invalid_answer'],
    [{ message: 'Wrapped (challenge_expired)' }, 'Wrapped', 'challenge_expired'],
    [{ code: 1003 }, 'sdk_error', '1003'],
    [{ message: 'only a message' }, 'only a message', undefined],
    [null, 'sdk_error', undefined],
    [undefined, 'sdk_error', undefined],
  ])('reads %j', (arg, message, sdkCode) => {
    const error = fromSdkError(arg as never)
    expect(error).toBeInstanceOf(CaptchaError)
    expect(error).toBeInstanceOf(Error)
    expect(error).toMatchObject({ name: 'CaptchaError', code: 'sdk_error', message, sdkCode })
  })
})
