// The contract both framework bindings implement, so that React and Vue cannot drift apart: the handle their
// `<Captcha>` exposes, the options they take, how provided and given options merge, and the failure state
// they draw.
import type { CaptchaState } from './captchaState'
import type { CaptchaController, CaptchaOptions } from './createCaptcha'
import { type CaptchaCallbacks, isCallbackName } from './dispatchCallback'

/** What `<Captcha>` exposes through its ref (React) or template ref (Vue). */
/** What `useCaptcha` and a `<Captcha>` ref give in both bindings; `subscribeEvents` is what devtools attach to. */
export type CaptchaHandle = Pick<
  CaptchaController,
  'execute' | 'reset' | 'getToken' | 'withToken' | 'subscribeEvents'
>

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

/** The failure state `<Captcha>` draws instead of an empty box: the visitor's words and a retry button. */
export const FAILURE_STATE = {
  className: 'captchala-failure',
} as const

/**
 * The failure state's retry: starts again and keeps the keyboard's place. The button that had the focus goes
 * with the failure state, which would drop the focus to the start of the page; it moves to the widget's
 * element instead (focusable by script only, never a Tab stop), where the next Tab reaches the new widget.
 */
export function retryKeepingFocus(root: HTMLElement | null, reset: () => void): void {
  const hadFocus = root?.contains(root.ownerDocument.activeElement) ?? false
  reset()
  if (root && hadFocus) {
    root.tabIndex = -1
    root.focus()
  }
}

/**
 * The polite live region every `<Captcha>` keeps from its first render (a region added with its text is often
 * not read): it holds what only the kit knows, its failure state, the words for an expired token or for a
 * click that waits for the script, so a screen reader hears each once. A pass is left to the SDK's widget,
 * which announces it itself.
 */
export const STATUS_REGION = {
  role: 'status',
  className: 'captchala-status',
} as const

/**
 * What the status region holds for a state: the failure state, or the visitor's words for an expired token or
 * for a click that waits for the widget to load (`visitorWordsFor(lang)[notice]`), or nothing.
 */
export function noticeOf(
  state: Pick<CaptchaState, 'status' | 'error' | 'waiting'>,
): 'failure' | 'expired' | 'waiting' | null {
  if (state.status === 'error' && state.error) return 'failure'
  if (state.waiting) return 'waiting'
  return state.status === 'expired' ? 'expired' : null
}

/** How deep option values are compared: `loader: { src: [...] }` is the deepest the options go. */
const COMPARED_DEPTH = 3

/**
 * Whether the options in force changed since the controller last got them, so that a binding gives them only
 * then: callbacks aside (they are read when their event comes), each value compared by identity, or, for the
 * plain objects and arrays a template or JSX writes anew on every render (`loader={{ src }}`), by content.
 */
export function optionsChanged(previous: object, next: object): boolean {
  const keys = new Set([...Object.keys(previous), ...Object.keys(next)].filter((key) => !isCallbackName(key)))
  const before = previous as Record<string, unknown>
  const after = next as Record<string, unknown>
  return [...keys].some((key) => !sameValue(before[key], after[key], COMPARED_DEPTH))
}

// Only what a literal writes is compared by content; anything else (a function, a class's instance) by identity.
const isLiteral = (value: unknown): value is object =>
  Array.isArray(value) ||
  (typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype)

function sameValue(a: unknown, b: unknown, depth: number): boolean {
  if (Object.is(a, b)) return true
  if (depth === 0 || !isLiteral(a) || !isLiteral(b) || Array.isArray(a) !== Array.isArray(b)) return false
  const entriesA = a as Record<string, unknown>
  const entriesB = b as Record<string, unknown>
  const keysA = Object.keys(a)
  return (
    keysA.length === Object.keys(b).length &&
    keysA.every((key) => sameValue(entriesA[key], entriesB[key], depth - 1))
  )
}
