import { describe, expect, it } from 'vitest'
import { CaptchaError } from './CaptchaError'
import { type CaptchaState, IDLE, nextState, type StateAction } from './captchaState'

// Issue 19: the controller's status changes in one pure function; here is all of it, as a table.
const error = new CaptchaError('challenge_timeout')
const HELD = { token: 'pt_held', tokenType: 'pass', expiresAt: 5_000 } as const
const NO_TOKEN = { token: null, tokenType: null, expiresAt: null }
const state = (patch: Partial<CaptchaState>): CaptchaState => ({ ...IDLE, ...patch })
const passed = state({ status: 'passed', ...HELD })

const table: [string, CaptchaState, StateAction, Partial<CaptchaState>][] = [
  ['a load starts from nothing', passed, { type: 'load' }, { status: 'loading', ...NO_TOKEN, error: null }],
  ['a mounted widget is ready', state({ status: 'loading' }), { type: 'widget-ready' }, { status: 'ready' }],
  [
    'a requested challenge verifies',
    state({ status: 'ready' }),
    { type: 'challenge-requested' },
    { status: 'verifying' },
  ],
  [
    'a pass holds the token and clears the last error',
    state({ status: 'verifying', error }),
    { type: 'passed', ...HELD },
    { status: 'passed', ...HELD, error: null },
  ],
  ['a failure keeps a held token', passed, { type: 'failed', error }, { status: 'error', ...HELD, error }],
  [
    'closing with a token held goes back to passed',
    state({ status: 'verifying', ...HELD }),
    { type: 'closed' },
    { status: 'passed', ...HELD },
  ],
  [
    'closing without one goes back to ready',
    state({ status: 'verifying' }),
    { type: 'closed' },
    { status: 'ready' },
  ],
  ['an expiry drops the token', passed, { type: 'expired' }, { status: 'expired', ...NO_TOKEN }],
  [
    'a spend drops the token and waits for the next',
    passed,
    { type: 'spent' },
    { status: 'ready', ...NO_TOKEN },
  ],
  [
    'a reset drops token and error',
    state({ status: 'error', ...HELD, error }),
    { type: 'reset' },
    { status: 'ready', ...NO_TOKEN, error: null },
  ],
  [
    'somebody who asks while the widget loads waits for it',
    state({ status: 'loading' }),
    { type: 'waiting-changed', waiting: true },
    { waiting: true },
  ],
  [
    'the last one to stop waiting ends the wait',
    state({ status: 'loading', waiting: true }),
    { type: 'waiting-changed', waiting: false },
    { waiting: false },
  ],
  [
    'nobody waits for a widget that is there',
    state({ status: 'ready' }),
    { type: 'waiting-changed', waiting: true },
    {},
  ],
  [
    'the widget that is there ends the wait',
    state({ status: 'loading', waiting: true }),
    { type: 'widget-ready' },
    { status: 'ready', waiting: false },
  ],
  [
    'a failed load ends the wait',
    state({ status: 'loading', waiting: true }),
    { type: 'failed', error },
    { status: 'error', error, waiting: false },
  ],
  [
    'a load begun anew waits for nobody until somebody asks again',
    state({ status: 'loading', waiting: true }),
    { type: 'load' },
    { status: 'loading', waiting: false },
  ],
  ['an unmount is idle again', state({ status: 'error', ...HELD, error }), { type: 'unmounted' }, IDLE],
]

describe('the state transitions', () => {
  it.each(table)('%s', (_, from, action, expected) => {
    expect(nextState(from, action)).toEqual({ ...from, ...expected })
  })

  it('keeps the same object when nothing changes, so subscribers hear only of real changes', () => {
    const ready = state({ status: 'ready' })
    expect(nextState(ready, { type: 'widget-ready' })).toBe(ready)
    expect(nextState(IDLE, { type: 'unmounted' })).toBe(IDLE)
    expect(nextState(ready, { type: 'spent' })).toBe(ready)
  })

  it('never changes the state it was given', () => {
    const from = state({ status: 'verifying' })
    const copy = { ...from }
    nextState(from, { type: 'passed', ...HELD })
    expect(from).toEqual(copy)
  })
})
