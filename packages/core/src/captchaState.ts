import type { TokenType } from '@captchala/contract'
import type { CaptchaError } from './CaptchaError'

export type CaptchaStatus = 'idle' | 'loading' | 'ready' | 'verifying' | 'passed' | 'expired' | 'error'

export interface CaptchaState {
  readonly status: CaptchaStatus
  /** the current pass token; `null` once it expired or was spent */
  readonly token: string | null
  /** how the token was made (`pass`, `degraded`, `offline`, `client`), read from its prefix */
  readonly tokenType: TokenType | null
  /** when the token runs out, epoch ms */
  readonly expiresAt: number | null
  readonly error: CaptchaError | null
  /**
   * a visitor waits for the widget that still loads (their click is held, or a call waits for a token): the
   * kit's status region says that verification is loading, until the challenge starts or the load fails
   */
  readonly waiting: boolean
}

/** Everything that changes the state: the controller's `status` is written here and nowhere else. */
export type StateAction =
  /** the widget is (re)built from nothing: script, server token, init */
  | { type: 'load' }
  /** the widget is mounted and waits for a challenge */
  | { type: 'widget-ready' }
  /** whether somebody waits for the widget that loads (a call for a token, or a bound click the kit holds) */
  | { type: 'waiting-changed'; waiting: boolean }
  /** somebody waits for a challenge (a background refresh shows nothing until somebody does) */
  | { type: 'challenge-requested' }
  | { type: 'passed'; token: string; tokenType: TokenType; expiresAt: number }
  /** a failure the visitor sees; a held token stays until it expires or is spent */
  | { type: 'failed'; error: CaptchaError }
  /** the visitor closed the challenge */
  | { type: 'closed' }
  | { type: 'expired' }
  | { type: 'spent' }
  /** back to unsolved on the widget that is there */
  | { type: 'reset' }
  | { type: 'unmounted' }

const NO_TOKEN = { token: null, tokenType: null, expiresAt: null } as const

export const IDLE: CaptchaState = { status: 'idle', ...NO_TOKEN, error: null, waiting: false }

/** What an action makes of the state: a pure function, tested as a table. */
function patchFor(state: CaptchaState, action: StateAction): Partial<CaptchaState> {
  switch (action.type) {
    case 'load':
      return { ...IDLE, status: 'loading' }
    case 'widget-ready':
      return { status: 'ready' }
    case 'waiting-changed':
      return { waiting: action.waiting && state.status === 'loading' }
    case 'challenge-requested':
      return { status: 'verifying' }
    case 'passed': {
      const { token, tokenType, expiresAt } = action
      return { status: 'passed', token, tokenType, expiresAt, error: null }
    }
    case 'failed':
      return { status: 'error', error: action.error }
    case 'closed':
      return { status: state.token ? 'passed' : 'ready' }
    case 'expired':
      return { status: 'expired', ...NO_TOKEN }
    case 'spent':
      return { status: 'ready', ...NO_TOKEN }
    case 'reset':
      return { status: 'ready', ...NO_TOKEN, error: null }
    case 'unmounted':
      return IDLE
  }
}

/**
 * The next state; the same object when nothing changed, so that subscribers hear only of real changes. A
 * visitor waits until the next thing that happens: the widget is there, or its load failed or began anew, or
 * the last caller stopped waiting.
 */
export function nextState(state: CaptchaState, action: StateAction): CaptchaState {
  const patch: Partial<CaptchaState> = { waiting: false, ...patchFor(state, action) }
  const changed = (Object.keys(patch) as (keyof CaptchaState)[]).some((key) => patch[key] !== state[key])
  return changed ? { ...state, ...patch } : state
}
