import {
  type CaptchalaErrorArg,
  type CaptchalaSuccess,
  isOneOf,
  REINIT_SDK_CODES,
  tokenInfo,
} from '@captchala/contract'
import { abortable } from './abortable'
import { createBoundSubmission } from './boundSubmission'
import { CaptchaError, type CaptchaErrorCode, fromSdkError, toCaptchaError } from './CaptchaError'
import { type CaptchaEvent, type CaptchaEventInit, errorEvent } from './CaptchaEvent'
import type { CaptchaOptions } from './CaptchaOptions'
import { type CaptchaState, IDLE, nextState, type StateAction } from './captchaState'
import { type ChallengeKind, createChallenge } from './challenge'
import { systemClock } from './clock'
import { createFormSpending } from './formSpending'
import { pendingLoad } from './loadCaptchala'
import { whenToLoad } from './loadTrigger'
import { positiveOr } from './positiveOr'
import { createTokenLifetime } from './tokenLifetime'
import { createWidgetSession, initKey } from './widgetSession'

// Replaced by bundlers and by this package's two builds: the detail below is in development builds only.
declare const process: { env: { NODE_ENV?: string } }

// The controller's options and state are declared with the parts they belong to; this module presents them.
export type { CaptchaOptions } from './CaptchaOptions'
export type { CaptchaState, CaptchaStatus } from './captchaState'
export type { RefreshMode } from './tokenLifetime'

export interface ExecuteOptions {
  /** stops this caller's wait with `aborted`; the challenge goes on for anyone else waiting on it */
  signal?: AbortSignal | undefined
}

export interface CaptchaController {
  /** `listener` runs after every state change; returns the unsubscribe */
  subscribe(listener: () => void): () => void
  /** the current state: one immutable object, replaced only on change */
  getSnapshot(): CaptchaState
  /** `listener` gets every lifecycle event (as `onEvent` does); returns the unsubscribe */
  subscribeEvents(listener: (event: CaptchaEvent) => void): () => void
  /** the options now in force: `lang` changes in place; `appKey`, `action`, `product`, `theme` or a string `serverToken` re-initialise */
  setOptions(options: CaptchaOptions): void
  /** renders the widget (`bind`: attaches to the button); returns the unmount */
  mount(element: Element): () => void
  /** runs the challenge; resolves with a new token or rejects with a `CaptchaError` */
  execute(options?: ExecuteOptions): Promise<string>
  /** a fresh token nobody was given before, running the challenge when needed; it counts as spent */
  getToken(options?: ExecuteOptions): Promise<string>
  /**
   * The double-submit guard: `fn` gets a fresh token, and the token counts as spent once `fn` settles. A call
   * made while a submission is on its way (a double click) sends nothing: it resolves with `undefined` once
   * that submission has settled, since its result belongs to the call that sent it.
   */
  withToken<T>(fn: (token: string) => T | Promise<T>): Promise<T | undefined>
  /** back to unsolved; after a failed load, loads again (the retry of a failure state) */
  reset(): void
  /** removes the widget and its timers; pending calls reject with `destroyed` */
  destroy(): void
}

const DEFAULT_CHALLENGE_TIMEOUT_MS = 60_000
/** New inits in a row after the SDK says a server token or challenge expired, before its error is final. */
const MAX_REINITS = 2
/** A widget that stopped waiting for the script: the page's load may still bring it. */
const STOPPED_WAITING: CaptchaErrorCode = 'script_timeout'

/**
 * The controller: it coordinates its parts (the state's transitions, the running challenge, the widget
 * session, the token's lifetime, the bound submission, the forms that spend a token), says what their
 * moments mean for the state and the events, and holds no behaviour a part could hold itself.
 */
export function createCaptcha(initialOptions: CaptchaOptions): CaptchaController {
  let options = initialOptions
  let state = IDLE
  const stateListeners = new Set<() => void>()
  const eventListeners = new Set<(event: CaptchaEvent) => void>()
  let element: Element | null = null
  /** the last token handed out, never handed out again */
  let lastHandedOut: string | null = null
  let reinitsInARow = 0
  let submission: Promise<unknown> | null = null
  let destroyed = false

  const clock = initialOptions.clock ?? systemClock
  const refreshMode = () => options.refresh ?? 'auto'

  // The one place the state changes; side effects follow from it, never decide it.
  const dispatch = (action: StateAction) => {
    const next = nextState(state, action)
    if (next === state) return
    state = next
    for (const listener of stateListeners) listener()
  }

  const emit = (init: CaptchaEventInit) => {
    const event = { ...init, at: clock.now() } as CaptchaEvent
    options.onEvent?.(event)
    for (const listener of eventListeners) listener(event)
  }

  // The challenge that runs, who waits for it, and the timeout of an invisible one: the widget stops it.
  const challenge = createChallenge(clock, () => {
    session.widget?.reset()
    failChallenge(new CaptchaError('challenge_timeout'))
  })

  // `true` when somebody waited for the challenge it ends.
  const fail = (error: CaptchaError) => {
    dispatch({ type: 'failed', error })
    emit(errorEvent(error))
    return challenge.settle(error)
  }

  // A refresh that fails leaves the token it was replacing in place: it stays valid until its expiry. A
  // failed challenge that nobody asked for but a bound click lets that click go on (no dead button): the
  // form's submission runs, and its withToken hears the failure at once, no second challenge started.
  const failChallenge = (error: CaptchaError) => {
    if (challenge.running() === 'background' && state.token) {
      emit(errorEvent(error))
      challenge.settle(error)
    } else if (!fail(error)) {
      releaseHeldClick(error)
    }
  }

  // Notes that a challenge runs, with the timeout of an invisible one, and says so: its state when somebody
  // waits for it (a refresh under way included), its event when it is a new one. `false` when one ran already.
  const beginChallenge = (kind: ChallengeKind) => {
    const invisible = kind === 'background' || options.product === 'bind'
    const timeoutMs = invisible ? positiveOr(options.challengeTimeoutMs, DEFAULT_CHALLENGE_TIMEOUT_MS) : null
    const isNew = challenge.begin(kind, timeoutMs)
    if (kind === 'requested') dispatch({ type: 'challenge-requested' })
    if (isNew) emit({ type: 'challenge:started', background: kind === 'background' })
    return isNew
  }

  // Runs a challenge on the mounted widget. A refresh keeps showing the valid token it will replace.
  const startChallenge = (kind: ChallengeKind) => {
    const { widget } = session
    if (!widget || !beginChallenge(kind)) return
    widget.reset()
    const begin = widget.verify ?? widget.showCaptcha
    begin?.call(widget)
  }

  const lifetime = createTokenLifetime({
    clock,
    refreshMode,
    held: () => state,
    onExpired: () => dropToken('expired'),
    onRefreshDue: () => startChallenge('background'),
  })

  // A bound button clicked before the widget was there: its challenge runs as soon as the widget is. A load
  // (or a challenge) that fails lets a held click go on: the form's submission runs, and the token it asks
  // for at once (in its submit handler) is refused with that error, no second load or challenge started.
  let challengeWhenReady = false
  let failureForHeldClick: CaptchaError | null = null
  const releaseHeldClick = (error: CaptchaError) => {
    failureForHeldClick = error
    try {
      bound.release()
    } finally {
      failureForHeldClick = null
    }
  }
  // A load failed. Only a click the kit held for it is let go, and only when nobody asked for the token
  // already (an app that handles the click itself hears of the failure from its own withToken).
  const failLoad = (error: CaptchaError) => {
    const heldForThisLoad = challengeWhenReady
    challengeWhenReady = false
    if (!fail(error) && heldForThisLoad) releaseHeldClick(error)
  }
  const bound = createBoundSubmission({
    clock,
    clickNeeds() {
      if (options.product !== 'bind' || state.token) return null
      if (session.widget) return 'challenge'
      return state.status === 'error' ? null : 'widget'
    },
    onChallengeClick: () => beginChallenge('requested'),
    onEarlyClick: () => {
      challengeWhenReady = true
      waitForWidget()
    },
  })

  const formSpending = createFormSpending({
    clock,
    spendableToken: () => (options.spendOnSubmit === false ? null : state.token),
    spend: (token) => spend(token),
  })

  // The token went, by expiry or by a submission that spent it.
  const dropToken = (reason: 'expired' | 'spent') => {
    const { token } = state
    if (!token) return
    lifetime.stop()
    dispatch({ type: reason })
    emit({ type: reason, token: tokenInfo(token) })
    if (refreshMode() === 'background') {
      startChallenge('background')
    } else if (!challenge.running()) {
      // The SDK prepares the next challenge now; it runs when a token is next needed.
      session.widget?.reset()
    }
  }

  const acceptPass = (result: CaptchalaSuccess) => {
    const token = result?.token
    if (typeof token !== 'string' || !token) {
      const detail = process.env.NODE_ENV !== 'production' ? 'onSuccess gave no token' : undefined
      return failChallenge(new CaptchaError('sdk_error', { detail }))
    }
    const info = tokenInfo(token)
    const expiresAt = lifetime.expiryOf(result.ttl, options.tokenTtlMs)
    const replacesHeldToken = challenge.running() === 'background' && state.token !== null
    reinitsInARow = 0
    dispatch({ type: 'passed', token, tokenType: info.type, expiresAt })
    emit({ type: replacesHeldToken ? 'refreshed' : 'passed', token: info, expiresAt })
    const someoneWasWaiting = challenge.settle(token)
    lifetime.watch()
    bound.afterPass(someoneWasWaiting)
  }

  const handleSdkError = (arg: CaptchalaErrorArg) => {
    const error = fromSdkError(arg)
    // An expired challenge or server token is not the visitor's failure: get a new `sct_` and init again.
    if (isOneOf(REINIT_SDK_CODES, error.sdkCode) && reinitsInARow < MAX_REINITS) {
      reinitsInARow++
      emit(errorEvent(error))
      void loadWidget()
      return
    }
    failChallenge(error)
  }

  const session = createWidgetSession({
    clock,
    options: () => options,
    emit,
    onPass: acceptPass,
    onError: handleSdkError,
    onClose: () => {
      dispatch({ type: 'closed' })
      emit({ type: 'challenge:closed' })
      challenge.settle(new CaptchaError('challenge_closed'))
    },
    onReady: () => emit({ type: 'widget:ready' }),
  })

  // Drops the widget and everything tied to it; callbacks still on their way from it are ignored.
  const teardownWidget = () => {
    session.teardown()
    challenge.abandon()
    lifetime.stop()
  }

  // A load put off until `loader.when` comes (null: none waiting); any load takes its place.
  let deferredLoad: (() => void) | null = null
  const cancelDeferredLoad = () => {
    deferredLoad?.()
    deferredLoad = null
  }

  // A call waits for a challenge, or a bound click the kit holds for one.
  const somebodyWaits = () => challenge.waited() || challengeWhenReady
  // While the widget loads, the state says whether anyone waits for it (the status region's loading words).
  const sayWhoWaits = () => dispatch({ type: 'waiting-changed', waiting: somebodyWaits() })

  // Somebody asked before the widget was there: the load under way is theirs (and says so), or a new one.
  const waitForWidget = () => {
    if (state.status === 'loading') sayWhoWaits()
    else void loadWidget()
  }

  // Script, server token, init, mount: the widget from nothing. Anyone already waiting gets a challenge.
  const loadWidget = async () => {
    cancelDeferredLoad()
    teardownWidget()
    dispatch({ type: 'load' })
    sayWhoWaits()
    if (!options.appKey?.trim()) return failLoad(new CaptchaError('missing_app_key'))
    try {
      if (!element || !(await session.load(element))) return
      dispatch({ type: 'widget-ready' })
      if (somebodyWaits()) startChallenge('requested')
      challengeWhenReady = false
    } catch (error) {
      const failure = toCaptchaError(error, 'sdk_error')
      failLoad(failure)
      // The widget stopped waiting, not the page's load: should the script come after all, the widget is
      // built then, without the visitor having to ask again.
      const failed = state
      if (failure.code === STOPPED_WAITING)
        pendingLoad()?.then(
          () => state === failed && void loadWidget(),
          () => {},
        )
    }
  }

  // A tab that slept (or came back from the back/forward cache) missed its timers: look again at once.
  const checkOnReturn = () => {
    if (document.visibilityState !== 'hidden') lifetime.watch()
  }
  const listenForReturn = (method: 'addEventListener' | 'removeEventListener') => {
    document[method]('visibilitychange', checkOnReturn)
    window[method]('pageshow', checkOnReturn)
  }

  const unmount = () => {
    if (!element) return
    cancelDeferredLoad()
    teardownWidget()
    listenForReturn('removeEventListener')
    bound.unlisten(element)
    challengeWhenReady = false
    formSpending.unlisten(element.ownerDocument)
    element = null
    challenge.settle(new CaptchaError('destroyed'))
    dispatch({ type: 'unmounted' })
  }

  const execute = ({ signal }: ExecuteOptions = {}) => {
    let stopWaiting = () => {}
    return abortable(
      signal,
      () =>
        new Promise<string>((resolve, reject) => {
          if (destroyed) return reject(new CaptchaError('destroyed'))
          if (!element) return reject(new CaptchaError('not_mounted'))
          if (failureForHeldClick) return reject(failureForHeldClick)
          stopWaiting = challenge.join((result) =>
            typeof result === 'string' ? resolve(result) : reject(result),
          )
          if (session.widget) startChallenge('requested')
          else waitForWidget() // a failed last load is tried again
        }),
      // An aborted caller stops waiting; the challenge goes on for the others, and the load for whoever is left.
      () => {
        stopWaiting()
        sayWhoWaits()
      },
    )
  }

  // Hands out the current token once, never after its expiry; otherwise runs the challenge for a new one.
  const handOutToken = async (signal?: AbortSignal): Promise<string> => {
    for (;;) {
      const { token, expiresAt } = state
      if (token && token !== lastHandedOut) {
        if (expiresAt !== null && clock.now() < expiresAt) {
          lastHandedOut = token
          return token
        }
        dropToken('expired')
      }
      await execute({ signal })
    }
  }

  const spend = (token: string) => {
    if (state.token === token) dropToken('spent')
  }

  const submit = async <T>(fn: (token: string) => T | Promise<T>): Promise<T> => {
    const token = await handOutToken()
    const started = clock.now()
    let ok = false
    emit({ type: 'submit:started', token: tokenInfo(token) })
    try {
      const result = await fn(token)
      ok = true
      return result
    } finally {
      // The server consumed the token whatever it answered.
      spend(token)
      emit({ type: 'submit:settled', ok, ms: clock.now() - started })
    }
  }

  const subscriber =
    <Listener>(listeners: Set<Listener>) =>
    (listener: Listener) => {
      listeners.add(listener)
      return () => {
        listeners.delete(listener)
      }
    }

  return {
    subscribe: subscriber(stateListeners),
    getSnapshot: () => state,
    subscribeEvents: subscriber(eventListeners),
    setOptions(next) {
      const previous = options
      options = next
      if (!element) return
      // Options that need a new widget make one, unless none is loaded yet (its load waits for `loader.when`).
      if (initKey(previous) !== initKey(next)) return deferredLoad ? undefined : void loadWidget()
      const { widget } = session
      if (previous.lang !== next.lang && widget) {
        if (widget.setLang) widget.setLang(next.lang ?? 'auto')
        else void loadWidget()
      }
      // The expiry timer depends on the refresh mode only: re-armed when it changed, left alone otherwise.
      if ((previous.refresh ?? 'auto') !== refreshMode()) lifetime.watch()
    },
    mount(target) {
      if (destroyed) return () => {}
      unmount()
      element = target
      listenForReturn('addEventListener')
      bound.listen(target)
      formSpending.listen(target.ownerDocument)
      deferredLoad = whenToLoad(target, options.loader?.when, () => void loadWidget())
      return () => {
        if (element === target) unmount()
      }
    },
    execute,
    async getToken({ signal } = {}) {
      const token = await handOutToken(signal)
      spend(token)
      return token
    },
    async withToken<T>(fn: (token: string) => T | Promise<T>): Promise<T | undefined> {
      if (submission) {
        emit({ type: 'submit:joined' })
        // Waits for the submission on its way, whatever its outcome (its caller hears of that), and sends nothing.
        await submission.catch(() => {})
        return undefined
      }
      const running = submit(fn)
      submission = running
      try {
        return await running
      } finally {
        submission = null
      }
    },
    reset() {
      challenge.settle(new CaptchaError('aborted'))
      const { widget } = session
      if (widget) {
        lifetime.stop()
        widget.reset()
        dispatch({ type: 'reset' })
      } else if (element) {
        void loadWidget()
      }
    },
    destroy() {
      unmount()
      destroyed = true
      stateListeners.clear()
      eventListeners.clear()
    },
  }
}
