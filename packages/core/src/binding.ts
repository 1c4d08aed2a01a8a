// The contract both framework bindings implement, so that React and Vue cannot drift apart: the handle their
// `<Captcha>` exposes, the options they take, how provided and given options merge, and the failure state
// they draw.
import type { CaptchaController, CaptchaOptions } from './createCaptcha'
import type { CaptchaCallbacks } from './dispatchCallback'

/** What `<Captcha>` exposes through its ref (React) or template ref (Vue). */
export type CaptchaHandle = Pick<CaptchaController, 'execute' | 'reset' | 'getToken' | 'withToken'>

/**
 * The options of one `useCaptcha` / `<Captcha>`: the core's and the callbacks. `appKey` may come from the
 * provider or plugin instead; if neither gives one, the widget fails with `missing_app_key`.
 */
export type CaptchaBindingOptions = Omit<CaptchaOptions, 'appKey'> & {
  /** your app's public key (never the secret); may come from the provider or plugin instead */
  appKey?: string | undefined
} & CaptchaCallbacks

/** The options in force: the given ones over the shared ones, where a given `undefined` never hides a shared value. */
export function mergeOptions(
  shared: Partial<CaptchaOptions> | undefined,
  given: CaptchaBindingOptions,
): CaptchaOptions & CaptchaCallbacks {
  const merged: Record<string, unknown> = { ...shared }
  for (const [key, value] of Object.entries(given)) {
    if (value !== undefined) merged[key] = value
  }
  return merged as unknown as CaptchaOptions & CaptchaCallbacks
}

/** The failure state `<Captcha>` draws instead of an empty box: the error's message and a retry button. */
export const FAILURE_STATE = {
  className: 'captchala-failure',
  retryLabel: 'Try again',
} as const
