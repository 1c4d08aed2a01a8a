import { abortable } from './abortable'
import { CaptchaError } from './CaptchaError'
import type { CaptchaEventInit } from './CaptchaEvent'
import type { CaptchalaGlobal } from './sdk'

export interface LoadOptions {
  /**
   * Where the SDK comes from, tried in order: hosts (`https://cdn.captchala.com`, which serve `/captchala.js`)
   * or script URLs. A `captchala-loader.js` URL works too: its `window.loadCaptchala` is asked for the SDK.
   */
  src?: string | readonly string[]
  /** CSP nonce, set on the script tag */
  nonce?: string
  /** how long one host may take to define `window.Captchala`; default 10 s, as the official wrappers */
  timeoutMs?: number
  /** further passes over the whole host list after the first, with exponential backoff and jitter; default 2 */
  retries?: number
  /** stops this caller's wait; the shared load goes on for the others */
  signal?: AbortSignal
  /** per-attempt stages; the call that starts the shared load reports them */
  onEvent?: (event: CaptchaEventInit) => void
}

export const DEFAULT_HOSTS: readonly string[] = ['https://cdn.captcha-cdn.net', 'https://cdn.captchala.com']

const SDK_SCRIPT = /\/captchala(-loader)?\.js([?#]|$)/

// One load per page, shared by every widget. A failure clears it so that a later call starts afresh.
let shared: Promise<CaptchalaGlobal> | undefined

/** Loads the CaptchaLa SDK once per page. Always settles: the SDK, or a `CaptchaError` with a code. */
export function loadCaptchala(options: LoadOptions = {}): Promise<CaptchalaGlobal> {
  // Checked before anything touches `window`, so server rendering never reaches the DOM.
  if (typeof document === 'undefined') return Promise.reject(new CaptchaError('ssr'))
  return abortable(options.signal, async () => {
    if (window.Captchala?.init) return window.Captchala
    shared ??= loadFromHosts(options).catch((error) => {
      shared = undefined
      throw error
    })
    return shared
  })
}

async function loadFromHosts({
  src = DEFAULT_HOSTS,
  nonce,
  timeoutMs = 10_000,
  retries = 2,
  onEvent,
}: LoadOptions) {
  // A tag the page already has (added by hand, or by another copy of this kit) is waited on first.
  const present = [...document.scripts].filter((tag) => SDK_SCRIPT.test(tag.src))
  const attempts = [
    ...present,
    ...[src].flat().map((s) => (SDK_SCRIPT.test(s) ? s : s.replace(/\/?$/, '/captchala.js'))),
  ]
  let error: unknown
  for (let round = 0; round <= retries; round++) {
    if (round) await sleep(500 * 2 ** round * (0.5 + Math.random()))
    for (const attempt of attempts) {
      const url = typeof attempt === 'string' ? attempt : attempt.src
      const started = Date.now()
      onEvent?.({ type: 'script:requested', url })
      try {
        const sdk = await loadFrom(attempt, nonce, timeoutMs)
        onEvent?.({ type: 'script:loaded', url, ms: Date.now() - started })
        return sdk
      } catch (e) {
        error = e
        onEvent?.({ type: 'script:failed', url, ms: Date.now() - started, error: e as CaptchaError })
      }
    }
  }
  // Only an empty `src` with no tag on the page gets here without one.
  throw error ?? new CaptchaError('script_load_failed')
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

// Polls as the official wrappers do (every 50 ms): the SDK may be there at once, appear after the tag loads,
// or come through the loader script's `window.loadCaptchala`.
async function loadFrom(attempt: string | HTMLScriptElement, nonce: string | undefined, timeoutMs: number) {
  let tag = attempt as HTMLScriptElement
  let failed: string | undefined
  let askedLoader = false
  if (typeof attempt === 'string') {
    tag = document.createElement('script')
    tag.src = attempt
    if (nonce) tag.setAttribute('nonce', nonce)
    tag.onerror = () => {
      failed = attempt
    }
    document.head.append(tag)
  }
  for (const deadline = Date.now() + timeoutMs; ; await sleep(50)) {
    const { Captchala, loadCaptchala } = window
    if (Captchala?.init) return Captchala
    if (loadCaptchala && !askedLoader) {
      askedLoader = true
      loadCaptchala(
        () => {},
        (e) => {
          failed = e?.message || tag.src
        },
      )
    }
    // Nothing by the deadline: a `Captchala` that is not the SDK, or no SDK at all.
    const code = failed
      ? 'script_load_failed'
      : Date.now() >= deadline && (Captchala ? 'sdk_missing' : 'script_timeout')
    if (code) {
      // A failed tag goes, so that the next attempt (or a later call) requests the script afresh.
      tag.remove()
      throw new CaptchaError(code, failed || tag.src)
    }
  }
}
