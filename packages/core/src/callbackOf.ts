import type { CaptchaError } from './CaptchaError'
import type { CaptchaEvent } from './CaptchaEvent'
import type { CaptchaState } from './createCaptcha'

/** The callbacks the framework bindings offer: React's `onPass`..., Vue's `@pass`... */
export type CaptchaCallback =
  | ['pass', string]
  | ['expire', null]
  | ['error', CaptchaError]
  | ['close' | 'ready', null]

const NAMES: Partial<Record<CaptchaEvent['type'], CaptchaCallback[0]>> = {
  passed: 'pass',
  refreshed: 'pass',
  expired: 'expire',
  error: 'error',
  'challenge:closed': 'close',
  'widget:ready': 'ready',
}

/** Which callback an event stands for, with its argument, so that both bindings map events the same way. */
export function callbackOf(event: CaptchaEvent, state: CaptchaState): CaptchaCallback | undefined {
  const name = NAMES[event.type]
  if (name)
    return [
      name,
      event.type === 'error' ? event.error : name === 'pass' ? state.token : null,
    ] as CaptchaCallback
}
