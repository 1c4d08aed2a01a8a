import { describe, expect, it, vi } from 'vitest'
import { CaptchaError } from './CaptchaError'
import { errorEvent } from './CaptchaEvent'
import type { CaptchaState } from './createCaptcha'
import { dispatchCallback } from './dispatchCallback'

const state: CaptchaState = {
  status: 'passed',
  token: 'pt_x',
  tokenType: 'pass',
  expiresAt: 1,
  error: null,
  waiting: false,
}
const token = { id: 'a', prefix: 'pt_', length: 4, type: 'pass' } as const

describe('dispatchCallback', () => {
  it('maps the events the bindings expose, with their arguments, and no others', () => {
    const callbacks = {
      onPass: vi.fn(),
      onExpire: vi.fn(),
      onError: vi.fn(),
      onClose: vi.fn(),
      onReady: vi.fn(),
    }
    const error = new CaptchaError('aborted')
    dispatchCallback(callbacks, { type: 'passed', token, expiresAt: 1, at: 0 }, state)
    dispatchCallback(callbacks, { type: 'refreshed', token, expiresAt: 1, at: 0 }, state)
    dispatchCallback(callbacks, { type: 'expired', token, at: 0 }, state)
    dispatchCallback(callbacks, { ...errorEvent(error), at: 0 }, state)
    dispatchCallback(callbacks, { type: 'challenge:closed', at: 0 }, state)
    dispatchCallback(callbacks, { type: 'widget:ready', at: 0 }, state)
    dispatchCallback(callbacks, { type: 'spent', token, at: 0 }, state)
    dispatchCallback(callbacks, { type: 'submit:joined', at: 0 }, state)
    expect(callbacks.onPass.mock.calls).toEqual([['pt_x'], ['pt_x']])
    expect(callbacks.onExpire).toHaveBeenCalledTimes(1)
    expect(callbacks.onError).toHaveBeenCalledExactlyOnceWith(error)
    expect(callbacks.onClose).toHaveBeenCalledTimes(1)
    expect(callbacks.onReady).toHaveBeenCalledTimes(1)
  })

  it('tolerates missing callbacks', () => {
    expect(() => dispatchCallback({}, { type: 'widget:ready', at: 0 }, state)).not.toThrow()
  })
})
