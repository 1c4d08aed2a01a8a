import { type Envelope, envelopeOf } from '@captchala/contract'
import { type BreakerState, createBreaker } from './circuitBreaker'
import { unref } from './deadline'
import { isRedirect, originOf } from './redirect'
import { backoffMs, neverSent } from './retryRule'
import type { Transport, TransportAnswer } from './transport'

export interface UpstreamAnswer {
  /**
   * CaptchaLa's envelope; `null` when none came back (transport failure, deadline, 5xx, not JSON, too large,
   * a redirect, breaker open)
   */
  envelope: Envelope | null
  /** the last HTTP status seen, 0 when nothing answered */
  status: number
  /**
   * no envelope, and the request may have reached CaptchaLa all the same (its answer was lost, cut or replaced
   * by a gateway's error): a call that consumes the token may have consumed it
   */
  lost: boolean
  /**
   * the URL answered with a redirect (3xx), not followed: an answer all the same (the breaker stays closed,
   * no outage is seen), that the call never reached CaptchaLa's validation
   */
  redirected: boolean
}

/** The URL answered: with CaptchaLa's envelope, or with a redirect that says where it moved. */
export const answered = (answer: UpstreamAnswer) => answer.envelope !== null || answer.redirected

/** A redirect one of the client's URLs answered with, for the call's record and fix. */
export interface Redirect {
  /** which of the client's URLs answered with it */
  upstream: UpstreamName
  /** that URL */
  url: string
  /**
   * the origin its `Location` names (scheme, host, port), never its path or query, which may carry anything;
   * `null` when there was no `Location` or none that reads as a URL
   */
  to: string | null
}

export type { BreakerState } from './circuitBreaker'

/** Which of the client's URLs: the main API's validation, the backup, issuing, moderation. */
export type UpstreamName = 'main' | 'backup' | 'issue' | 'moderation'

/**
 * What one call (a validation with its outage checks, an issue) saw of CaptchaLa, for its record: filled in
 * by each `post` it makes.
 */
export interface CallTrace {
  /** requests sent, retries and outage checks included */
  attempts: number
  /** the URL asked last; `null` while none was */
  url: string | null
  /** the URL whose answer (an envelope, or a redirect) decided the call; `null` while none answered */
  answeredBy: UpstreamName | null
  /** the last HTTP status seen, `null` while nothing answered */
  status: number | null
  /** the answer carried the local emulator's mark */
  emulated: boolean
  /** the redirect that answered the call instead of CaptchaLa; `null` while none did */
  redirect: Redirect | null
}

export const newTrace = (): CallTrace => ({
  attempts: 0,
  url: null,
  answeredBy: null,
  status: null,
  emulated: false,
  redirect: null,
})

/** What this server sees of one CaptchaLa URL, for health endpoints, logs and the outage policy. */
export interface UpstreamHealth {
  state: BreakerState
  /** since when every call failed (epoch ms); `null` while the last call was answered */
  failingSince: number | null
  /** the breaker is not closed and a background probe asks the URL again every `breakerCooldownMs` */
  probing: boolean
}

export interface UpstreamOptions {
  name: UpstreamName
  url: string
  headers: Record<string, string>
  transport: Transport
  /** further attempts after a failure the retry rule allows, within the caller's deadline */
  retries: number
  /** consecutive failed calls that open the breaker */
  failuresToOpen: number
  /** how long an open breaker answers at once before a call (a probe, or a visitor's) may try the URL again */
  cooldownMs: number
  /**
   * the body of a call that consumes nothing, sent in the background while the breaker is open (one at a
   * time, every `cooldownMs`) until the URL answers; `null`: no background probe
   */
  probe: object | null
  /** how long one background probe may take */
  probeTimeoutMs: number
  /** the clock of `failingSince` */
  now: () => number
}

export interface PostOptions {
  /** the call consumes something (a validation without `keep_token`): never sent twice once it may have arrived */
  consumes?: boolean
  /** further attempts instead of the URL's `retries` (a background probe makes one attempt a second) */
  retries?: number
  /** where the call's record learns what this post saw */
  trace?: CallTrace | undefined
}

export interface Upstream {
  readonly url: string
  /** one call, with its retries, ended by `deadline`; never throws */
  post(body: object, deadline: AbortSignal, options?: PostOptions): Promise<UpstreamAnswer>
  health(): UpstreamHealth
  /** stops the background probe */
  close(): void
}

/** A probe that found the breaker still cooling down (a timer a hair early) looks again this much later. */
const PROBE_RECHECK_MS = 25

// A call that got no envelope: a failure for the breaker, carrying what the caller needs to know of it.
class NoAnswer extends Error {
  constructor(readonly answer: UpstreamAnswer) {
    super('no answer from CaptchaLa')
  }
}

/**
 * One CaptchaLa URL behind a circuit breaker (circuitBreaker.ts): after `failuresToOpen` calls in a row without an
 * answer it opens, and calls are answered at once (no socket, no wait). While it is open, a background probe
 * asks the URL with a call that consumes nothing every `cooldownMs` and closes it on the first answer, so
 * visitors find CaptchaLa again about a second after it returns without paying for the probe. A verdict, even
 * a refusal or a redirect, is an answer: only silence counts against the URL.
 */
export function createUpstream(options: UpstreamOptions): Upstream {
  const breaker = createBreaker({
    failuresToOpen: options.failuresToOpen,
    cooldownMs: options.cooldownMs,
    onOpen: () => armProbe(),
  })
  let failingSince: number | null = null
  let probeTimer: ReturnType<typeof setTimeout> | undefined
  /** ends the probe under way: at its deadline, or at `close()` (its socket must not outlive the client) */
  let probeInFlight: AbortController | undefined
  let closed = false

  const headers = { 'content-type': 'application/json', ...options.headers }

  // Attempts until an envelope, an answer that must not be retried, the retries or the deadline run out.
  async function attempt(
    body: object,
    deadline: AbortSignal,
    consumes: boolean,
    retries: number,
    trace: CallTrace | undefined,
  ): Promise<UpstreamAnswer> {
    let status = 0
    for (let attemptNo = 0; !deadline.aborted; attemptNo++) {
      const canRetry = attemptNo < retries
      if (trace) {
        trace.attempts++
        trace.url = options.url
      }
      try {
        const response = await options.transport.post(options.url, JSON.stringify(body), headers, deadline)
        status = response.status
        if (trace) {
          trace.status = status
          trace.emulated = response.emulated
        }
        if (isRedirect(status) || response.redirected) {
          // Never followed, never retried: the request did not reach the validation, and the next one
          // would be redirected the same way.
          await response.discard()
          const to = originOf(response.location, options.url)
          if (trace) trace.redirect = { upstream: options.name, url: options.url, to }
          return { envelope: null, status, lost: false, redirected: true }
        }
        if (status < 500) {
          const envelope = await envelopeOfAnswer(response)
          // A 2xx that is not CaptchaLa's envelope (cut, empty, too large, a proxy's page) may stand for a
          // lost answer; a 4xx without one is a refusal of the request itself, which consumed nothing.
          return { envelope, status, lost: consumes && !envelope && status < 400, redirected: false }
        }
        await response.discard()
        if (consumes) return { envelope: null, status, lost: true, redirected: false }
      } catch (error) {
        // The deadline or a transport failure: only one that surely never left may be retried when it consumes.
        if (consumes && !neverSent(error)) return { envelope: null, status, lost: true, redirected: false }
      }
      if (!canRetry) break
      await pause(backoffMs(attemptNo), deadline)
    }
    return { envelope: null, status, lost: false, redirected: false }
  }

  async function post(
    body: object,
    deadline: AbortSignal,
    { consumes = false, retries = options.retries, trace }: PostOptions = {},
  ) {
    // While one call tests the URL (half-open), the breaker answers the others at once, as when open: a hung
    // API must not hold every login for the length of that call.
    try {
      const answer = await breaker.execute(async () => {
        const attempted = await attempt(body, deadline, consumes, retries, trace)
        if (!answered(attempted)) throw new NoAnswer(attempted)
        if (trace) trace.answeredBy = options.name
        return attempted
      })
      failingSince = null
      return answer
    } catch (error) {
      // No envelope: silence, the deadline, or the open breaker's refusal to try (then nothing was sent).
      return error instanceof NoAnswer ? failed(error.answer) : noAnswerWithoutRequest()
    }
  }

  function failed(answer: UpstreamAnswer) {
    failingSince ??= options.now()
    return answer
  }
  const noAnswerWithoutRequest = () => failed({ envelope: null, status: 0, lost: false, redirected: false })

  // The background probe: armed when the breaker opens (again after each failed probe), never while closed.
  function armProbe(delayMs = options.cooldownMs) {
    if (closed || !options.probe) return
    clearTimeout(probeTimer)
    probeTimer = setTimeout(runProbe, delayMs)
    // A probe must never keep a process alive that has nothing else to do.
    unref(probeTimer)
  }

  async function runProbe() {
    probeTimer = undefined
    if (closed || breaker.state !== 'open') return
    // Past the cooldown, this call is the breaker's half-open test: an answer closes it; silence opens it
    // again, and `onOpen` arms the next probe.
    const probe = new AbortController()
    const deadline = setTimeout(() => probe.abort(), options.probeTimeoutMs)
    unref(deadline)
    probeInFlight = probe
    await post(options.probe!, probe.signal, { retries: 0 })
    clearTimeout(deadline)
    probeInFlight = undefined
    // Refused by a breaker still cooling down (the timer came a hair early): look again shortly.
    if (probeTimer === undefined && breaker.state === 'open') armProbe(PROBE_RECHECK_MS)
  }

  return {
    url: options.url,
    post,
    health: () => ({
      state: breaker.state,
      failingSince,
      probing: !closed && options.probe !== null && breaker.state !== 'closed',
    }),
    close() {
      closed = true
      clearTimeout(probeTimer)
      probeTimer = undefined
      probeInFlight?.abort()
    },
  }
}

/** The envelope in an answer, or `null` when the body is not one (not JSON, cut, empty, a proxy's page). */
async function envelopeOfAnswer(answer: TransportAnswer): Promise<Envelope | null> {
  try {
    return envelopeOf(await answer.json())
  } catch {
    return null
  }
}

// Waits `ms`, or less when the deadline comes first.
const pause = (ms: number, deadline: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(done, ms)
    function done() {
      clearTimeout(timer)
      deadline.removeEventListener('abort', done)
      resolve()
    }
    deadline.addEventListener('abort', done, { once: true })
  })
