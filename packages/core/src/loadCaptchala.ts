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
  /** CSP nonce, set on the script and stylesheet tags */
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
    if (window.Captchala) return window.Captchala
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
  const urls = new Set([...document.scripts].map((s) => s.src).filter((s) => SDK_SCRIPT.test(s)))
  for (const s of typeof src === 'string' ? [src] : src) {
    urls.add(new URL(SDK_SCRIPT.test(s) ? s : s.replace(/\/?$/, '/captchala.js'), location.href).href)
  }
  let error: unknown
  for (let round = 0; round <= retries; round++) {
    if (round) await new Promise((r) => setTimeout(r, 500 * 2 ** round * (0.5 + Math.random())))
    for (const url of urls) {
      const started = Date.now()
      onEvent?.({ type: 'script:requested', url })
      try {
        const sdk = await loadFrom(url, nonce, timeoutMs)
        onEvent?.({ type: 'script:loaded', url, ms: Date.now() - started })
        // The SDK's stylesheet sits beside its script; linked once, with the same nonce.
        const href = url.replace(/[^/]*$/, 'captchala.css')
        if (![...document.querySelectorAll('link')].some((l) => l.href === href)) {
          const link = document.createElement('link')
          link.rel = 'stylesheet'
          link.href = href
          if (nonce) link.setAttribute('nonce', nonce)
          document.head.append(link)
        }
        return sdk
      } catch (e) {
        error = e
        onEvent?.({ type: 'script:failed', url, ms: Date.now() - started, error: e as CaptchaError })
      }
    }
  }
  throw error
}

// Settling twice is harmless here (a settled promise ignores the second call), so no guard flag is kept.
const loadFrom = (url: string, nonce: string | undefined, timeoutMs: number) =>
  new Promise<CaptchalaGlobal>((resolve, reject) => {
    let tag = [...document.scripts].find((s) => s.src === url)
    let askedLoader = false
    const finish = (error?: CaptchaError) => {
      clearInterval(poll)
      clearTimeout(timer)
      // A failed tag goes, so that the next attempt (or a later call) requests the script afresh.
      if (error) {
        tag!.remove()
        reject(error)
      } else resolve(window.Captchala!)
    }
    // The global may appear on load, later (a tag that was already there), or through the loader script.
    const check = () => {
      const { Captchala, loadCaptchala } = window
      if (Captchala?.init) finish()
      else if (loadCaptchala && !askedLoader) {
        askedLoader = true
        loadCaptchala(
          // the loader says it is done: no SDK now means none is coming
          () => finish(window.Captchala?.init ? undefined : new CaptchaError('sdk_missing', url)),
          (e) => finish(new CaptchaError('script_load_failed', e?.message || url)),
        )
      }
    }
    if (!tag) {
      tag = document.createElement('script')
      tag.src = url
      if (nonce) tag.setAttribute('nonce', nonce)
      tag.onerror = () => finish(new CaptchaError('script_load_failed', url))
      document.head.append(tag)
    }
    const poll = setInterval(check, 50)
    const timer = setTimeout(() => finish(new CaptchaError('script_timeout', url)), timeoutMs)
    check()
  })
