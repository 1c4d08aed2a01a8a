import type { CaptchaError } from './CaptchaError'
import type { Clock } from './clock'

/** A challenge somebody waits for, or a refresh the visitor is not waiting for. */
export type ChallengeKind = 'requested' | 'background'

/** Somebody waiting for the end of a challenge: a token, or the error that ended it. */
type Waiter = (result: string | CaptchaError) => void

/**
 * The running challenge, as TanStack Query's retryer is the running fetch beside the query's reducer: its
 * kind, everyone waiting for its end, and the timeout of an invisible one. It settles each waiter once,
 * whatever ends the challenge; what a start or an end means for the state is the controller's to say.
 */
export function createChallenge(clock: Clock, onTimeout: () => void) {
  let running: ChallengeKind | undefined
  let timer: unknown
  const waiters = new Set<Waiter>()

  // Forgets the challenge without telling anyone (its widget went; whoever waits hears of the next one).
  const abandon = () => {
    running = undefined
    clock.clearTimeout(timer)
  }

  return {
    /** the kind of the challenge that runs, if one does */
    running: () => running,
    /**
     * Notes that a challenge of `kind` starts, `onTimeout` after `timeoutMs` (null: no timeout): `true`. When
     * one runs already, `false`; a refresh under way becomes the challenge somebody asked for.
     */
    begin(kind: ChallengeKind, timeoutMs: number | null): boolean {
      if (running) {
        if (kind === 'requested') running = kind
        return false
      }
      running = kind
      if (timeoutMs !== null) timer = clock.setTimeout(onTimeout, timeoutMs)
      return true
    },
    /** waits for the end of the challenge that runs or the next one; returns the stop of this wait */
    join(waiter: Waiter) {
      waiters.add(waiter)
      return () => waiters.delete(waiter)
    },
    /** whether somebody waits for a challenge */
    waited: () => waiters.size > 0,
    /** ends the challenge, whatever ended it: everyone waiting hears `result`; `true` when somebody did */
    settle(result: string | CaptchaError): boolean {
      abandon()
      const someoneWaited = waiters.size > 0
      for (const waiter of waiters) waiter(result)
      waiters.clear()
      return someoneWaited
    },
    abandon,
  }
}
