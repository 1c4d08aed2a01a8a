import type { CaptchaError } from './CaptchaError'
import type { CaptchaEvent } from './CaptchaEvent'
import type { CaptchaState } from './createCaptcha'

/** The callbacks both framework bindings offer (Vue's `<Captcha>` re-emits them as `pass`, `expire`...). */
export interface CaptchaCallbacks {
  onPass?: (token: string) => void
  onExpire?: () => void
  onError?: (error: CaptchaError) => void
  onClose?: () => void
  onReady?: () => void
}

const NAMES: Partial<Record<CaptchaEvent['type'], keyof CaptchaCallbacks>> = {
  passed: 'onPass',
  refreshed: 'onPass',
  expired: 'onExpire',
  error: 'onError',
  'challenge:closed': 'onClose',
  'widget:ready': 'onReady',
}

/** Calls the callback an event stands for, so that both bindings map events the same way. */
export function dispatchCallback(
  callbacks: CaptchaCallbacks,
  event: CaptchaEvent,
  state: CaptchaState,
): void {
  const name = NAMES[event.type]
  if (name) callbacks[name]?.((event.type === 'error' ? event.error : state.token) as never)
}
