import type { CaptchaError } from './CaptchaError'
import type { CaptchaEvent } from './CaptchaEvent'
import type { CaptchaState } from './createCaptcha'

/** The callbacks both framework bindings offer (Vue's `<Captcha>` re-emits them as `pass`, `expire`...). */
export interface CaptchaCallbacks {
  /** a token was issued (also after a background refresh) */
  onPass?: ((token: string) => void) | undefined
  /** the token ran out; the app's copy of it is no longer good */
  onExpire?: (() => void) | undefined
  /** a `CaptchaError`: its `message` says the cause and the fix */
  onError?: ((error: CaptchaError) => void) | undefined
  /** the visitor closed the challenge without passing */
  onClose?: (() => void) | undefined
  /** the widget is ready and has prepared its challenge */
  onReady?: (() => void) | undefined
}

// Which callback each event calls; every callback is named here.
const CALLBACK_OF_EVENT: Partial<Record<CaptchaEvent['type'], keyof CaptchaCallbacks>> = {
  passed: 'onPass',
  refreshed: 'onPass',
  expired: 'onExpire',
  error: 'onError',
  'challenge:closed': 'onClose',
  'widget:ready': 'onReady',
}

/** Whether an option is a callback: read when its event comes, so it is no option of the controller. */
export const isCallbackName = (name: string): boolean =>
  Object.values(CALLBACK_OF_EVENT).includes(name as keyof CaptchaCallbacks)

/** Calls the callback an event stands for, so that both bindings map events the same way. */
export function dispatchCallback(
  callbacks: CaptchaCallbacks,
  event: CaptchaEvent,
  state: CaptchaState,
): void {
  const name = CALLBACK_OF_EVENT[event.type]
  if (!name) return
  // `onPass` gets the token, `onError` the error; the others get nothing.
  const argument = event.type === 'error' ? event.error : state.token
  const callback = callbacks[name] as ((argument: unknown) => void) | undefined
  callback?.(argument)
}
