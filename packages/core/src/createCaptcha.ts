import type {
  CaptchalaErrorArg,
  CaptchalaInitOptions,
  CaptchalaProduct,
  CaptchalaSuccess,
  CaptchalaTheme,
  CaptchalaWidget,
} from '@captchala/contract'
import {
  isOneOf,
  PASS_TOKEN_TTL_SECONDS,
  REINIT_SDK_CODES,
  type TokenType,
  tokenInfo,
} from '@captchala/contract'
import { abortable } from './abortable'
import { CaptchaError, fromSdkError, toCaptchaError } from './CaptchaError'
import type { CaptchaEvent, CaptchaEventInit } from './CaptchaEvent'
import { type Clock, LONGEST_TIMER_MS, systemClock } from './clock'
import { type LoadOptions, loadCaptchala } from './loadCaptchala'
import { positiveOr } from './positiveOr'

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
}

/**
 * What happens when a token expires or is spent.
 * - `auto` (default): the token is dropped and reported, the widget is reset so that the SDK prepares the next
 *   challenge, and that challenge runs when a token is next needed. No puzzle appears that the visitor did
 *   not ask for.
 * - `background`: a token is kept warm: a new challenge starts on its own when a quarter of the token's life
 *   is left and right after a spend. For invisible-only setups (`bind` with low-risk visitors): a medium-risk
 *   visitor would see a puzzle pop up unprompted.
 * - `never`: no timers at all; an expired token is noticed (and reported) only when it would be handed out.
 */
export type RefreshMode = 'auto' | 'background' | 'never'

export interface CaptchaOptions {
  /** your app's public key (never the secret) */
  appKey: string
  /** `bind` (invisible, on your button), `popup` (default), `float` or `embed` */
  product?: CaptchalaProduct | undefined
  /** the business scene, bound into the token and echoed at validation: `login`, `register`, ... */
  action?: string | undefined
  /** a BCP-47 tag or `auto`; changes in place */
  lang?: string | undefined
  /** `dark`, `stereoscopic` or `{ custom: { color, brightness, ... } }`; re-initialises when changed */
  theme?: CaptchalaTheme | undefined
  /** an `sct_` from your backend, or a function that fetches one (called again whenever it expired) */
  serverToken?: string | (() => string | Promise<string>) | undefined
  /** see `RefreshMode`; default `auto` */
  refresh?: RefreshMode | undefined
  /** the token's lifetime when the SDK gives no `ttl`; default 120 s */
  tokenTtlMs?: number | undefined
  /**
   * how long an invisible challenge (`bind`, or a background refresh) may run before it ends in
   * `challenge_timeout`; default 60 s, room enough for a puzzle the SDK shows a medium-risk visitor
   */
  challengeTimeoutMs?: number | undefined
  /** where and how the SDK script loads */
  loader?: LoadOptions | undefined
  /** every lifecycle stage, for logs and diagnostics */
  onEvent?: ((event: CaptchaEvent) => void) | undefined
  /** time and timers, read once at creation; tests inject a fake (`createTestClock` of @captchala/testing) */
  clock?: Clock | undefined
}

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
  /** the double-submit guard: `fn` gets a fresh token; calls made while it runs join it */
  withToken<T>(fn: (token: string) => T | Promise<T>): Promise<T>
  /** back to unsolved; after a failed load, loads again (the retry of a failure state) */
  reset(): void
  /** removes the widget and its timers; pending calls reject with `destroyed` */
  destroy(): void
}

/** Which challenge runs: none, one somebody is waiting for, or a refresh the visitor is not waiting for. */
type Challenge = 'none' | 'requested' | 'background'

type Waiter = (result: string | CaptchaError) => void

const DEFAULT_TOKEN_TTL_MS = PASS_TOKEN_TTL_SECONDS * 1000
const DEFAULT_CHALLENGE_TIMEOUT_MS = 60_000
/** With `refresh: 'background'`, the next challenge starts when this share of the token's life is left. */
const BACKGROUND_REFRESH_LEAD = 1 / 4
/** New inits in a row after the SDK says a server token or challenge expired, before its error is final. */
const MAX_REINITS = 2
/** The SDK's own `init` options that the kit sets from its options. Nothing else reaches `init`. */
const SDK_INIT_KEYS = ['appKey', 'product', 'action', 'lang', 'theme'] as const
/** Those of them that need a new init when they change (`lang` changes in place). */
const REINIT_KEYS = SDK_INIT_KEYS.filter((key) => key !== 'lang')

/** The elements that submit a form when clicked. */
const SUBMIT_BUTTON = 'button[type=submit], button:not([type]), input[type=submit]'
const NO_TOKEN = { token: null, tokenType: null, expiresAt: null } as const
const IDLE: CaptchaState = { status: 'idle', ...NO_TOKEN, error: null }

/** What a new init is needed for. A `serverToken` function counts only as "a function": it is new on every render. */
const initKey = (options: CaptchaOptions) =>
  JSON.stringify([
    ...REINIT_KEYS.map((key) => options[key]),
    typeof options.serverToken === 'function' || options.serverToken,
  ])

export function createCaptcha(initialOptions: CaptchaOptions): CaptchaController {
  let options = initialOptions
  let state = IDLE
  const stateListeners = new Set<() => void>()
  const eventListeners = new Set<(event: CaptchaEvent) => void>()
  /** everyone waiting for the running challenge to end */
  const waiters = new Set<Waiter>()
  let element: Element | null = null
  let widget: CaptchalaWidget | null = null
  /** bumped whenever the widget goes: callbacks of an older widget are ignored */
  let widgetGeneration = 0
  let challenge: Challenge = 'none'
  /** belongs to a held token: its refresh or its expiry */
  let expiryTimer: unknown
  /** belongs to a running invisible challenge */
  let challengeTimer: unknown
  let tokenLifeMs = 0
  /** the last token handed out, never handed out again */
  let lastHandedOut: string | null = null
  let reinitsInARow = 0
  let submission: Promise<unknown> | null = null
  let destroyed = false

  const clock = initialOptions.clock ?? systemClock
  const refreshMode = () => options.refresh ?? 'auto'

  const setState = (patch: Partial<CaptchaState>) => {
    const changed = (Object.keys(patch) as (keyof CaptchaState)[]).some((key) => patch[key] !== state[key])
    if (!changed) return
    state = { ...state, ...patch }
    for (const listener of stateListeners) listener()
  }

  const emit = (init: CaptchaEventInit) => {
    const event = { ...init, at: clock.now() } as CaptchaEvent
    options.onEvent?.(event)
    for (const listener of eventListeners) listener(event)
  }

  // Every challenge ends here: passed, failed, closed, timed out or abandoned.
  const settleChallenge = (result: string | CaptchaError) => {
    challenge = 'none'
    clock.clearTimeout(challengeTimer)
    for (const waiter of waiters) waiter(result)
    waiters.clear()
  }

  const fail = (error: CaptchaError) => {
    setState({ status: 'error', error })
    emit({ type: 'error', error })
    settleChallenge(error)
  }

  // A refresh that fails leaves the token it was replacing in place: it stays valid until its expiry.
  const failChallenge = (error: CaptchaError) => {
    if (challenge === 'background' && state.token) {
      emit({ type: 'error', error })
      settleChallenge(error)
    } else {
      fail(error)
    }
  }

  const fetchServerToken = async (): Promise<string | undefined> => {
    const source = options.serverToken
    if (typeof source !== 'function') return source
    const started = clock.now()
    emit({ type: 'server_token:requested' })
    let token: unknown
    try {
      token = await source()
    } catch (cause) {
      throw new CaptchaError('server_token_failed', { cause })
    }
    if (typeof token !== 'string' || !token) {
      throw new CaptchaError('server_token_failed', { detail: `the function returned ${typeof token}` })
    }
    emit({ type: 'server_token:received', ms: clock.now() - started })
    return token
  }

  // The SDK asks for a fresh `sct_` when the one it has expired; it gets `null` if none can be had.
  const renewServerToken = async () => {
    try {
      return (await fetchServerToken()) ?? null
    } catch (error) {
      emit({ type: 'error', error: toCaptchaError(error, 'server_token_failed') })
      return null
    }
  }

  const sdkInitOptions = (serverToken: string | undefined): CaptchalaInitOptions => {
    const init: Partial<Record<string, unknown>> = {}
    for (const key of SDK_INIT_KEYS) {
      if (options[key] !== undefined) init[key] = options[key]
    }
    if (serverToken !== undefined) {
      init.serverToken = serverToken
      init.onServerTokenExpired = renewServerToken
    }
    return init as unknown as CaptchalaInitOptions
  }

  const armChallengeTimeout = () => {
    const timeoutMs = positiveOr(options.challengeTimeoutMs, DEFAULT_CHALLENGE_TIMEOUT_MS)
    challengeTimer = clock.setTimeout(() => {
      widget?.reset()
      failChallenge(new CaptchaError('challenge_timeout'))
    }, timeoutMs)
  }

  // Notes that a challenge runs: its state, its event, and for an invisible one its timeout. `false` when
  // one runs already (somebody now waiting for a refresh under way makes it theirs).
  const beginChallenge = (kind: 'requested' | 'background') => {
    if (challenge !== 'none') {
      if (kind === 'requested' && challenge === 'background') {
        challenge = 'requested'
        setState({ status: 'verifying' })
      }
      return false
    }
    challenge = kind
    if (kind === 'requested') setState({ status: 'verifying' })
    emit({ type: 'challenge:started', background: kind === 'background' })
    const invisible = kind === 'background' || options.product === 'bind'
    if (invisible) armChallengeTimeout()
    return true
  }

  // Runs a challenge on the mounted widget. A refresh keeps showing the valid token it will replace.
  const startChallenge = (kind: 'requested' | 'background') => {
    if (!widget || !beginChallenge(kind)) return
    widget.reset()
    const begin = widget.verify ?? widget.showCaptcha
    begin?.call(widget)
  }

  // `bind`: the visitor's click on the bound button starts the SDK's own challenge. CaptchaLa's SDK holds
  // that click until the challenge passes, so the form is not sent; another SDK may let it through, and the
  // form's submission then waits for the token (withToken joins the challenge). Either way: one click, one
  // challenge, one submission with a fresh token; a held click is submitted again once the token is there.
  let heldSubmission: { submitter: HTMLButtonElement; click: Event } | null = null
  const onBoundClick = (click: Event) => {
    if (options.product !== 'bind' || !widget || state.token) return
    const submitter = (click.target as Element | null)?.closest?.<HTMLButtonElement>(SUBMIT_BUTTON)
    heldSubmission = submitter?.form ? { submitter, click } : null
    beginChallenge('requested')
  }
  const resubmitHeldClick = (someoneWasWaiting: boolean) => {
    const held = heldSubmission
    heldSubmission = null
    // Not held (the submission is under way and got the token), or somebody else asked for it: done.
    if (!held?.click.defaultPrevented || someoneWasWaiting) return
    // After the frameworks have rendered the token into the form's hidden input.
    clock.setTimeout(() => held.submitter.form?.requestSubmit(held.submitter), 0)
  }

  // The expiry timer belongs to a held token: armed on every pass, cleared whenever the token goes.
  const watchExpiry = () => {
    clock.clearTimeout(expiryTimer)
    const { token, expiresAt } = state
    if (!token || expiresAt === null || refreshMode() === 'never') return
    const left = expiresAt - clock.now()
    if (left <= 0) return dropToken('expired')
    let wait = left
    if (refreshMode() === 'background') {
      const lead = tokenLifeMs * BACKGROUND_REFRESH_LEAD
      if (left <= lead) startChallenge('background')
      else wait = left - lead
    }
    expiryTimer = clock.setTimeout(watchExpiry, Math.min(wait, LONGEST_TIMER_MS))
  }

  // The token went, by expiry or by a submission that spent it.
  const dropToken = (reason: 'expired' | 'spent') => {
    const { token } = state
    if (!token) return
    clock.clearTimeout(expiryTimer)
    setState({ status: reason === 'expired' ? 'expired' : 'ready', ...NO_TOKEN })
    emit({ type: reason, token: tokenInfo(token) })
    if (refreshMode() === 'background') {
      startChallenge('background')
    } else if (challenge === 'none') {
      // The SDK prepares the next challenge now; it runs when a token is next needed.
      widget?.reset()
    }
  }

  const acceptPass = (result: CaptchalaSuccess) => {
    const token = result?.token
    if (typeof token !== 'string' || !token) {
      return failChallenge(new CaptchaError('sdk_error', { detail: 'onSuccess gave no token' }))
    }
    const info = tokenInfo(token)
    // The SDK's `ttl` (seconds) when it gives one, else the option, else the default.
    const configuredLifeMs = positiveOr(options.tokenTtlMs, DEFAULT_TOKEN_TTL_MS)
    tokenLifeMs = positiveOr(result.ttl === undefined ? undefined : result.ttl * 1000, configuredLifeMs)
    const expiresAt = clock.now() + tokenLifeMs
    const replacesHeldToken = challenge === 'background' && state.token !== null
    const someoneWasWaiting = waiters.size > 0
    reinitsInARow = 0
    setState({ status: 'passed', token, tokenType: info.type, expiresAt, error: null })
    emit({ type: replacesHeldToken ? 'refreshed' : 'passed', token: info, expiresAt })
    settleChallenge(token)
    watchExpiry()
    resubmitHeldClick(someoneWasWaiting)
  }

  const handleSdkError = (arg: CaptchalaErrorArg) => {
    const error = fromSdkError(arg)
    // An expired challenge or server token is not the visitor's failure: get a new `sct_` and init again.
    const needsReinit = isOneOf(REINIT_SDK_CODES, error.sdkCode)
    if (needsReinit && reinitsInARow < MAX_REINITS) {
      reinitsInARow++
      emit({ type: 'error', error })
      void loadWidget()
      return
    }
    failChallenge(error)
  }

  const handleClose = () => {
    setState({ status: state.token ? 'passed' : 'ready' })
    emit({ type: 'challenge:closed' })
    settleChallenge(new CaptchaError('challenge_closed'))
  }

  // Drops the widget and everything tied to it; callbacks still on their way from it are ignored.
  const teardownWidget = () => {
    widgetGeneration++
    challenge = 'none'
    clock.clearTimeout(challengeTimer)
    clock.clearTimeout(expiryTimer)
    widget?.destroy()
    widget = null
  }

  // Script, server token, init, mount: the widget from nothing. Anyone already waiting gets a challenge.
  const loadWidget = async () => {
    teardownWidget()
    const generation = widgetGeneration
    const isCurrent = () => generation === widgetGeneration
    // A callback from a widget that was replaced since is ignored.
    const ifCurrent =
      <Args extends unknown[]>(handle: (...args: Args) => void) =>
      (...args: Args) => {
        if (isCurrent()) handle(...args)
      }
    setState({ ...IDLE, status: 'loading' })
    if (!options.appKey?.trim()) return fail(new CaptchaError('missing_app_key'))
    try {
      const sdk = await loadCaptchala({ ...options.loader, clock, onEvent: emit })
      const serverToken = await fetchServerToken()
      if (!isCurrent()) return
      const created = sdk.init(sdkInitOptions(serverToken))
      // Called one by one, not chained: a quirky SDK whose `on*` does not return the instance still works.
      created.onSuccess(ifCurrent(acceptPass))
      created.onError(ifCurrent(handleSdkError))
      created.onClose(ifCurrent(handleClose))
      created.onReady(ifCurrent(() => emit({ type: 'widget:ready' })))
      if (options.product === 'bind') created.bindTo(element!)
      else created.appendTo(element!)
      widget = created
      setState({ status: 'ready' })
      if (waiters.size) startChallenge('requested')
    } catch (error) {
      if (isCurrent()) fail(toCaptchaError(error, 'sdk_error'))
    }
  }

  // A tab that slept (or came back from the back/forward cache) missed its timers: look again at once.
  const checkOnReturn = () => {
    if (document.visibilityState !== 'hidden') watchExpiry()
  }
  const listenForReturn = (method: 'addEventListener' | 'removeEventListener') => {
    document[method]('visibilitychange', checkOnReturn)
    window[method]('pageshow', checkOnReturn)
  }
  // Registered before the SDK's own listener (at mount, ahead of init), so it always sees the click.
  const listenForBoundClicks = (target: Element, method: 'addEventListener' | 'removeEventListener') =>
    target[method]('click', onBoundClick)

  const unmount = () => {
    if (!element) return
    teardownWidget()
    listenForReturn('removeEventListener')
    listenForBoundClicks(element, 'removeEventListener')
    heldSubmission = null
    element = null
    settleChallenge(new CaptchaError('destroyed'))
    setState(IDLE)
  }

  const execute = ({ signal }: ExecuteOptions = {}) => {
    let waiter: Waiter | undefined
    return abortable(
      signal,
      () =>
        new Promise<string>((resolve, reject) => {
          if (destroyed) return reject(new CaptchaError('destroyed'))
          if (!element) return reject(new CaptchaError('not_mounted'))
          waiter = (result) => {
            if (typeof result === 'string') resolve(result)
            else reject(result)
          }
          waiters.add(waiter)
          if (widget) startChallenge('requested')
          else if (state.status !== 'loading') void loadWidget() // the last load failed: try again
        }),
      // An aborted caller stops waiting; the challenge goes on for the others.
      () => waiters.delete(waiter!),
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
      if (initKey(previous) !== initKey(next)) return void loadWidget()
      if (previous.lang !== next.lang && widget) {
        if (widget.setLang) widget.setLang(next.lang ?? 'auto')
        else void loadWidget()
      }
      // The expiry timer depends on the refresh mode only: re-armed when it changed, left alone otherwise.
      if ((previous.refresh ?? 'auto') !== refreshMode()) watchExpiry()
    },
    mount(target) {
      if (destroyed) return () => {}
      unmount()
      element = target
      listenForReturn('addEventListener')
      listenForBoundClicks(target, 'addEventListener')
      void loadWidget()
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
    withToken<T>(fn: (token: string) => T | Promise<T>) {
      if (submission) {
        emit({ type: 'submit:joined' })
        return submission as Promise<T>
      }
      const running = submit(fn).finally(() => {
        submission = null
      })
      submission = running
      return running
    },
    reset() {
      settleChallenge(new CaptchaError('aborted'))
      if (widget) {
        clock.clearTimeout(expiryTimer)
        widget.reset()
        setState({ status: 'ready', ...NO_TOKEN, error: null })
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
