import { CircuitState, ConsecutiveBreaker, circuitBreaker, handleAll } from 'cockatiel'

/** CaptchaLa's answer: `{ code, msg, data }` (CONTRACT.md section 2); some errors put `error` at the top. */
export interface Envelope {
  code: number
  msg?: unknown
  error?: unknown
  data?: Record<string, unknown> | null
}

export interface UpstreamAnswer {
  /** CaptchaLa's envelope; `null` when none came back (transport failure, deadline, 5xx, not JSON, breaker open) */
  envelope: Envelope | null
  /** the last HTTP status seen, 0 when nothing answered */
  status: number
}

export type BreakerState = 'closed' | 'open' | 'half-open'

/** What this server sees of one CaptchaLa URL, for health endpoints, logs and the outage policy. */
export interface UpstreamHealth {
  state: BreakerState
  /** since when every call failed (epoch ms); `null` while the last call was answered */
  failingSince: number | null
}

export interface UpstreamOptions {
  url: string
  headers: Record<string, string>
  fetch: typeof fetch
  /** further attempts after a transport failure or a 5xx, within the caller's deadline */
  retries: number
  /** consecutive failed calls that open the breaker */
  failuresToOpen: number
  /** how long an open breaker answers at once before one call probes the URL again */
  cooldownMs: number
}

export interface Upstream {
  /** one call, with its retries, ended by `deadline`; never throws */
  post(body: object, deadline: AbortSignal): Promise<UpstreamAnswer>
  health(): UpstreamHealth
}

const FIRST_BACKOFF_MS = 100
const STATE_NAMES: Record<CircuitState, BreakerState> = {
  [CircuitState.Closed]: 'closed',
  [CircuitState.Open]: 'open',
  [CircuitState.HalfOpen]: 'half-open',
  [CircuitState.Isolated]: 'open',
}

// A call that got no envelope: a failure for the breaker, carrying the last status for the logs.
class NoAnswer extends Error {
  constructor(readonly status: number) {
    super(`no answer from CaptchaLa (HTTP ${status || 'none'})`)
  }
}

/**
 * One CaptchaLa URL behind a circuit breaker (cockatiel): after `failuresToOpen` calls in a row without an
 * answer it opens, and calls are answered at once (no socket, no wait) until, after `cooldownMs`, one call
 * probes the URL again. A verdict, even a refusal, is an answer: only silence counts against the URL.
 */
export function createUpstream(options: UpstreamOptions): Upstream {
  const breaker = circuitBreaker(handleAll, {
    halfOpenAfter: options.cooldownMs,
    breaker: new ConsecutiveBreaker(options.failuresToOpen),
  })
  let failingSince: number | null = null

  // Attempts until an envelope, a verdict-carrying status, the retries or the deadline run out.
  async function attempt(body: object, deadline: AbortSignal): Promise<UpstreamAnswer> {
    let status = 0
    for (let attemptNo = 0; !deadline.aborted; attemptNo++) {
      const canRetry = attemptNo < options.retries
      try {
        const response = await options.fetch(options.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...options.headers },
          body: JSON.stringify(body),
          signal: deadline,
        })
        status = response.status
        if (status < 500) return { envelope: await readEnvelope(response), status }
        await response.body?.cancel().catch(() => {})
      } catch {
        // a transport failure or the deadline: retried while time is left
      }
      if (!canRetry) break
      await pause(FIRST_BACKOFF_MS * 2 ** attemptNo * (1 + Math.random() / 2), deadline)
    }
    return { envelope: null, status }
  }

  return {
    async post(body, deadline) {
      try {
        const answer = await breaker.execute(async () => {
          const answered = await attempt(body, deadline)
          if (!answered.envelope) throw new NoAnswer(answered.status)
          return answered
        })
        failingSince = null
        return answer
      } catch (error) {
        // No envelope: silence, the deadline, or the open breaker's refusal to try.
        failingSince ??= Date.now()
        return { envelope: null, status: error instanceof NoAnswer ? error.status : 0 }
      }
    },
    health: () => ({ state: STATE_NAMES[breaker.state], failingSince }),
  }
}

async function readEnvelope(response: Response): Promise<Envelope | null> {
  try {
    const envelope = (await response.json()) as Envelope
    return envelope && typeof envelope === 'object' && typeof envelope.code === 'number' ? envelope : null
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
