import { describe, expect, it } from 'vitest'
import { CaptchaError } from './CaptchaError'
import { callbackOf } from './callbackOf'
import type { CaptchaState } from './createCaptcha'

const state: CaptchaState = { status: 'passed', token: 'pt_x', tokenType: 'pass', expiresAt: 1, error: null }
const token = { prefix: 'pt_', length: 4, type: 'pass' } as const

describe('callbackOf', () => {
  it('maps the events the bindings expose, and no others', () => {
    const error = new CaptchaError('aborted')
    expect(callbackOf({ type: 'passed', token, expiresAt: 1, at: 0 }, state)).toEqual(['pass', 'pt_x'])
    expect(callbackOf({ type: 'refreshed', token, expiresAt: 1, at: 0 }, state)).toEqual(['pass', 'pt_x'])
    expect(callbackOf({ type: 'expired', token, at: 0 }, state)).toEqual(['expire', null])
    expect(callbackOf({ type: 'error', error, at: 0 }, state)).toEqual(['error', error])
    expect(callbackOf({ type: 'challenge:closed', at: 0 }, state)).toEqual(['close', null])
    expect(callbackOf({ type: 'widget:ready', at: 0 }, state)).toEqual(['ready', null])
    expect(callbackOf({ type: 'spent', token, at: 0 }, state)).toBeUndefined()
    expect(callbackOf({ type: 'submit:joined', at: 0 }, state)).toBeUndefined()
  })
})
