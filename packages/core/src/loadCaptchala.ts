import {
  type CaptchalaGlobal,
  SDK_HOSTS,
  TRUSTED_TYPES_FIX,
  TRUSTED_TYPES_HANDOFF,
} from '@captchala/contract'
import { abortable } from './abortable'
import { CaptchaError, type CaptchaErrorCode } from './CaptchaError'
import type { CaptchaEventInit } from './CaptchaEvent'
import { type Clock, systemClock } from './clock'
import type { LoadWhen } from './loadTrigger'
import { positiveOr } from './positiveOr'
import { allowScriptUrl, type ScriptUrlPolicy, scriptUrlPolicy } from './trustedScriptUrl'

// Replaced by bundlers and by this package's two builds: the explanation is in development builds only.
declare const process: { env: { NODE_ENV?: string } }

// The globals the SDK's scripts define, which the loader waits for. Declared here rather than beside the SDK's
// types in sdk.ts, so that @captchala/testing can take those types without declaring `window` a second time.
declare global {
  interface Window {
    Captchala?: CaptchalaGlobal
    loadCaptchala?: (onLoaded: () => void, onError: (err: { message?: string }) => void) => void
  }
}

export interface LoadOptions {
  /**
   * Where the SDK comes from, tried in order: hosts (`https://cdn.captchala.com`, which serve `/captchala.js`)
   * or script URLs. A `captchala-loader.js` URL works too: its `window.loadCaptchala` is asked for the SDK.
   */
  src?: string | readonly string[] | undefined
  /** CSP nonce, set on the script tag */
  nonce?: string | undefined
  /**
   * under Trusted Types (`require-trusted-types-for 'script'`), the page's own policy for the script's URL;
   * without one the kit creates a policy named `captchala` once per page (allow it with
   * `trusted-types captchala`)
   */
  trustedTypesPolicy?: ScriptUrlPolicy | undefined
  /**
   * when a widget loads the SDK: `mount` (default), `visible` (its element on screen) or `interaction` (the
   * first focus or press in its form); `execute` and `withToken` load at once
   */
  when?: LoadWhen | undefined
  /** how long one host may take to define `window.Captchala`; default 10 s, as the official wrappers */
  timeoutMs?: number | undefined
  /** further passes over the whole host list after the first, with exponential backoff and jitter; default 2 */
  retries?: number | undefined
  /** stops this caller's wait; the shared load goes on for the others */
  signal?: AbortSignal | undefined
  /** per-attempt stages; the call that starts the shared load reports them */
  onEvent?: ((event: CaptchaEventInit) => void) | undefined
  /** the time of timeouts, backoff and polling; default the browser's (the controller passes its own) */
  clock?: Clock | undefined
}

export const DEFAULT_HOSTS = SDK_HOSTS

/** How long one host may take by default, as the official wrappers give it. */
export const DEFAULT_TIMEOUT_MS = 10_000
const DEFAULT_RETRIES = 2
/** The first pause between passes over the hosts; each further pass waits twice as long, with jitter. */
const FIRST_BACKOFF_MS = 1_000
/** How often the page is looked at for the SDK, as the official wrappers do. */
const POLL_MS = 50
const SDK_SCRIPT = /\/captchala(-loader)?\.js([?#]|$)/
/** What a URL the page's policy refused (its CSP or its Trusted Types) fails with. */
const SCRIPT_BLOCKED: CaptchaErrorCode = 'script_blocked'

// One load per page, shared by every widget. A failure clears it so that a later call starts afresh.
let shared: Promise<CaptchalaGlobal> | undefined

/** The page's load under way, if any: a widget that stopped waiting for it can still hear how it ends. */
export const pendingLoad = () => shared

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

const toScriptUrl = (source: string) =>
  SDK_SCRIPT.test(source) ? source : source.replace(/\/?$/, '/captchala.js')

async function loadFromHosts({
  src = DEFAULT_HOSTS,
  nonce,
  trustedTypesPolicy,
  timeoutMs,
  retries,
  onEvent,
  clock = systemClock,
}: LoadOptions) {
  const attemptMs = positiveOr(timeoutMs, DEFAULT_TIMEOUT_MS)
  const passes = 1 + (retries !== undefined && retries >= 0 ? retries : DEFAULT_RETRIES)
  // A tag the page already has (added by hand, or by another copy of this kit) is waited on first. A URL
  // the page's CSP refused before is not asked again: the policy has not changed, and no request would go.
  const present = [...document.scripts].filter((tag) => SDK_SCRIPT.test(tag.src))
  const urls = [src].flat().map(toScriptUrl)
  // URLs refused in this load: by the page's CSP (remembered for the page), or by this caller's Trusted Types
  // policy (not remembered: another widget may hand another policy).
  const refused = new Set(blockedUrls.keys())
  let attempts: (string | HTMLScriptElement)[] = [...present, ...urls.filter((url) => !refused.has(url))]
  let lastError = blockedUrls.get(urls[0] ?? '')
  for (let pass = 0; pass < passes && attempts.length; pass++) {
    if (pass) await sleep(clock, FIRST_BACKOFF_MS * 2 ** (pass - 1) * (0.5 + Math.random()))
    for (const attempt of attempts) {
      const url = typeof attempt === 'string' ? attempt : attempt.src
      const started = clock.now()
      try {
        const sdk = await loadFrom(attempt, url, { nonce, trustedTypesPolicy }, attemptMs, clock, onEvent)
        onEvent?.({ type: 'script:loaded', url, ms: clock.now() - started })
        return sdk
      } catch (error) {
        lastError = error as CaptchaError
        if (lastError.code === SCRIPT_BLOCKED) refused.add(url)
        onEvent?.({ type: 'script:failed', url, ms: clock.now() - started, error: lastError })
      }
    }
    // A tag of the page is waited on once; a URL the page's policy blocks (its CSP or its Trusted Types) stays
    // blocked: neither is retried.
    attempts = attempts.filter((attempt) => typeof attempt === 'string' && !refused.has(attempt))
  }
  // Only an empty `src` with no tag on the page gets here without one.
  throw (
    lastError ??
    new CaptchaError('script_load_failed', {
      detail: process.env.NODE_ENV !== 'production' ? 'no script to load' : undefined,
    })
  )
}

const sleep = (clock: Clock, ms: number) => new Promise<void>((resolve) => clock.setTimeout(resolve, ms))

// Script URLs the page's Content-Security-Policy refused (seen by `securitypolicyviolation`), with the error
// that said so.
const blockedUrls = new Map<string, CaptchaError>()

// Resolves with the SDK or rejects with why not. Polls as the official wrappers do: the SDK may be there at
// once, appear after the tag loads, or come through the loader script's `window.loadCaptchala`.
async function loadFrom(
  attempt: string | HTMLScriptElement,
  url: string,
  tagOptions: Pick<LoadOptions, 'nonce' | 'trustedTypesPolicy'>,
  timeoutMs: number,
  clock: Clock,
  onEvent: LoadOptions['onEvent'],
) {
  // A URL the page's Trusted Types refuse throws here, before any request: it is never `script:requested`.
  const tag = typeof attempt === 'string' ? scriptTag(attempt, tagOptions) : attempt
  onEvent?.({ type: 'script:requested', url })
  let loadFailure: string | undefined
  let blocked = false
  let askedLoader = false
  let lookedAgain = false
  const onViolation = (event: SecurityPolicyViolationEvent) => {
    const enforced = event.disposition !== 'report'
    if (enforced && event.blockedURI && url.startsWith(event.blockedURI)) blocked = true
  }
  // Why the script is not there, if it failed: the policy's refusal (which also fails the tag: the cause worth
  // reporting), the tag's failure, or nothing by the deadline (a `Captchala` that is not the SDK, or none).
  const whyNotLoaded = (timedOut: boolean, globalTaken: boolean): CaptchaErrorCode | undefined => {
    if (blocked) return SCRIPT_BLOCKED
    if (loadFailure) return 'script_load_failed'
    if (timedOut) return globalTaken ? 'sdk_missing' : 'script_timeout'
    return undefined
  }
  document.addEventListener('securitypolicyviolation', onViolation)
  if (typeof attempt === 'string') {
    tag.onerror = () => {
      loadFailure = attempt
    }
    document.head.append(tag)
  }
  try {
    for (const deadline = clock.now() + timeoutMs; ; await sleep(clock, POLL_MS)) {
      const { Captchala, loadCaptchala } = window
      if (Captchala?.init) return Captchala
      if (loadCaptchala && !askedLoader) {
        askedLoader = true
        loadCaptchala(
          () => {},
          (error) => {
            loadFailure = error?.message || url
          },
        )
      }
      // The policy's violation may be told a moment after the tag's error: look once more before calling a
      // blocked script a failed one.
      if (loadFailure && !blocked && !lookedAgain) {
        lookedAgain = true
        continue
      }
      const failure = whyNotLoaded(clock.now() >= deadline, Boolean(Captchala))
      if (failure) {
        // A failed tag goes, so that the next attempt (or a later call) requests the script afresh.
        tag.remove()
        const error = new CaptchaError(failure, { detail: loadFailure ?? url })
        if (blocked) blockedUrls.set(url, error)
        throw error
      }
    }
  } finally {
    document.removeEventListener('securitypolicyviolation', onViolation)
  }
}

/** The tag that hands the SDK the policy its own scripts' URLs go through. */
type ScriptWithPolicy = HTMLScriptElement & { [TRUSTED_TYPES_HANDOFF]?: ScriptUrlPolicy }

/**
 * A script tag for `url`, its URL through the Trusted Types policy in force (a page that enforces them
 * refuses a plain string: a `script_blocked` that no retry changes), the policy handed to the SDK on the tag.
 */
function scriptTag(url: string, { nonce, trustedTypesPolicy }: LoadOptions) {
  const tag = document.createElement('script')
  const policy = scriptUrlPolicy(trustedTypesPolicy)
  allowScriptUrl(url)
  try {
    tag.src = (policy ? policy.createScriptURL(url) : url) as string
  } catch {
    const fix = process.env.NODE_ENV !== 'production' ? `${TRUSTED_TYPES_FIX} (${url})` : undefined
    throw new CaptchaError(SCRIPT_BLOCKED, { message: fix, detail: url })
  }
  if (policy) (tag as ScriptWithPolicy)[TRUSTED_TYPES_HANDOFF] = policy
  if (nonce) tag.setAttribute('nonce', nonce)
  return tag
}
