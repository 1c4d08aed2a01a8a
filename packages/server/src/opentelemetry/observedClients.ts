import type { Meter, ObservableResult } from '@opentelemetry/api'
import type { BreakerState } from '../circuitBreaker'
import type { CaptchalaClient } from '../createClient'
import { METRICS } from './metricsOfRecords'

/** Breaker states as a state set: one series per state, 1 for the one it is in. */
const BREAKER_STATES: readonly BreakerState[] = ['closed', 'half-open', 'open']

/**
 * The clients whose breakers the gauge reads, by name. A record tells a breaker's state only when a call ends,
 * and the background probes close breakers between calls, so the gauge asks each client's `health()` when it
 * is read: the app names its clients once (`observeBreakers`).
 */
const observed = new Map<string, Pick<CaptchalaClient, 'health'>>()

/**
 * Lets the `captchala.breaker.state` gauge read this client's breakers (`main`, `backup`, `issue`), under
 * `name` (the app key is a good one). Returns a function that stops it.
 */
export function observeBreakers(client: Pick<CaptchalaClient, 'health'>, name = 'default'): () => void {
  observed.set(name, client)
  return () => {
    if (observed.get(name) === client) observed.delete(name)
  }
}

export function createBreakerGauge(meter: Meter) {
  const gauge = meter.createObservableGauge(METRICS.breakerState, {
    description: 'Each CaptchaLa URL`s circuit breaker: 1 for the state it is in (closed, half-open, open)',
  })
  const observe = (result: ObservableResult) => {
    for (const [name, client] of observed) {
      for (const [upstream, { state }] of Object.entries(client.health())) {
        for (const candidate of BREAKER_STATES)
          result.observe(candidate === state ? 1 : 0, {
            'captchala.client': name,
            'captchala.upstream': upstream,
            'captchala.breaker.state': candidate,
          })
      }
    }
  }
  gauge.addCallback(observe)
  return () => gauge.removeCallback(observe)
}
