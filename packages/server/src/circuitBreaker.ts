/** Where a circuit breaker stands: calls go through, are answered at once, or one call tests the URL. */
export type BreakerState = 'closed' | 'open' | 'half-open'

/** The breaker refused to try: it is open and cooling down, or one call already tests the URL. */
export class BreakerOpen extends Error {
  constructor() {
    super('the circuit breaker is open')
  }
}

export interface BreakerOptions {
  /** calls in a row that throw before it opens */
  failuresToOpen: number
  /** how long it stays open before one call may test the URL again */
  cooldownMs: number
  /** it opened (again, after a failed test) */
  onOpen(): void
}

/**
 * A consecutive-failure circuit breaker: `failuresToOpen` calls in a row that throw open it; open, it refuses
 * calls at once for `cooldownMs` (read from `Date.now`, which fake timers move); then the next call tests the
 * URL, alone (half-open): its success closes the breaker, its failure opens it again. Written here rather
 * than taken from cockatiel, which the SDK used before: its policy framework around this one breaker was
 * about 2 kB of the package's gzipped size.
 */
export function createBreaker({ failuresToOpen, cooldownMs, onOpen }: BreakerOptions) {
  let state: BreakerState = 'closed'
  let failures = 0
  let openedAt = 0

  const open = () => {
    state = 'open'
    openedAt = Date.now()
    onOpen()
  }

  return {
    get state() {
      return state
    },
    /** runs `call` unless the breaker refuses (`BreakerOpen`); what `call` throws counts as a failure */
    async execute<T>(call: () => Promise<T>): Promise<T> {
      if (state === 'half-open' || (state === 'open' && Date.now() - openedAt < cooldownMs)) {
        throw new BreakerOpen()
      }
      if (state === 'open') state = 'half-open'
      try {
        const result = await call()
        state = 'closed'
        failures = 0
        return result
      } catch (error) {
        if (state === 'half-open' || ++failures >= failuresToOpen) open()
        throw error
      }
    },
  }
}
