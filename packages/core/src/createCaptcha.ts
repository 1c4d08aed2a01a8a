import { abortable } from './abortable'
import { CaptchaError, fromSdkError } from './CaptchaError'
import type { CaptchaEvent, CaptchaEventInit } from './CaptchaEvent'
import { type LoadOptions, loadCaptchala } from './loadCaptchala'
import type { CaptchalaErrorArg, CaptchalaInitOptions, CaptchalaSuccess, CaptchalaWidget } from './sdk'
import { type TokenType, tokenInfo } from './tokenInfo'

export type CaptchaStatus = 'idle' | 'loading' | 'ready' | 'verifying' | 'passed' | 'expired' | 'error'

export interface CaptchaState {
  readonly status: CaptchaStatus
  /** the current pass token; `null` once it expired or was spent */
  readonly token: string | null
  readonly tokenType: TokenType | null
  /** epoch ms */
  readonly expiresAt: number | null
  readonly error: CaptchaError | null
}

/** The SDK's init options (passed through as given, so newer SDK options work too) and the kit's own. */
export interface CaptchaOptions extends Omit<CaptchalaInitOptions, 'serverToken' | 'onServerTokenExpired'> {
  /** an `sct_` from the site's backend, or a function that fetches one (called again whenever it expired) */
  serverToken?: string | (() => string | Promise<string>)
  /**
   * `auto` (default) runs the challenge again before the token expires and after it is spent; `manual` moves
   * to `expired` at expiry and leaves the next challenge to the app; `never` keeps no timers, and an expired
   * token is only noticed (and reported) when it would be handed out.
   */
  refresh?: 'auto' | 'manual' | 'never'
  /** the token's lifetime when the SDK gives no `ttl`; default 120 s */
  tokenTtlMs?: number
  loader?: LoadOptions
  onEvent?: (event: CaptchaEvent) => void
}

export interface CaptchaController {
  /** `listener` runs after every state change; returns the unsubscribe */
  subscribe(listener: () => void): () => void
  /** the current state: one immutable object, replaced only on change */
  getSnapshot(): CaptchaState
  subscribeEvents(listener: (event: CaptchaEvent) => void): () => void
  /** the options now in force: `lang` changes in place; `appKey`, `action`, `product`, `theme`, a string `serverToken` re-initialise */
  setOptions(options: CaptchaOptions): void
  /** renders the widget (`bind`: attaches to the button); returns the unmount */
  mount(element: Element): () => void
  /** runs the challenge; resolves with a new token or rejects with a `CaptchaError` */
  execute(options?: { signal?: AbortSignal }): Promise<string>
  /** a fresh token nobody was given before, running the challenge when needed; it counts as spent */
  getToken(options?: { signal?: AbortSignal }): Promise<string>
  /** the double-submit guard: `fn` gets a fresh token; calls made while it runs join it */
  withToken<T>(fn: (token: string) => T | Promise<T>): Promise<T>
  reset(): void
  destroy(): void
}

type Waiter = (result: string | CaptchaError) => void

const now = () => Date.now()
const NO_TOKEN = { token: null, tokenType: null, expiresAt: null } as const
const IDLE: CaptchaState = { status: 'idle', ...NO_TOKEN, error: null }
// SDK error codes after which the widget needs a new `sct_` and a new init (CONTRACT.md section 1).
const REMOUNT = /^(server_token_\w+|(token|challenge|session)_expired)$/

// What a new init is needed for. JSON drops functions (callbacks, a serverToken getter: new on every render),
// and `lang` changes in place.
const initKey = ({ loader, lang, ...o }: CaptchaOptions) =>
  JSON.stringify({ ...o, serverToken: typeof o.serverToken === 'function' || o.serverToken })

export function createCaptcha(options: CaptchaOptions): CaptchaController {
  let o = options
  let state = IDLE
  const listeners = new Set<() => void>()
  const eventListeners = new Set<(event: CaptchaEvent) => void>()
  const waiters = new Set<Waiter>()
  let el: Element | null = null
  let widget: CaptchalaWidget | null = null
  let gen = 0 // bumped by every init and unmount: callbacks of an older widget are ignored
  let running: boolean | undefined // a challenge runs: `true` in the background (a refresh)
  let timer: ReturnType<typeof setTimeout> | undefined
  let ttl = 0
  let used: string | null = null // the last token handed out, never handed out again
  let remounts = 0
  let submitting: Promise<unknown> | null = null
  let destroyed = false

  const auto = () => !o.refresh || o.refresh === 'auto'

  const set = (patch: Partial<CaptchaState>) => {
    if ((Object.keys(patch) as (keyof CaptchaState)[]).some((k) => patch[k] !== state[k])) {
      state = { ...state, ...patch }
      for (const l of listeners) l()
    }
  }

  const emit = (init: CaptchaEventInit) => {
    const event = { ...init, at: now() } as CaptchaEvent
    o.onEvent?.(event)
    for (const l of eventListeners) l(event)
  }

  // Every challenge ends here: passed, failed or closed.
  const settle = (result: string | CaptchaError) => {
    running = undefined
    for (const w of waiters) w(result)
    waiters.clear()
  }

  const fail = (error: CaptchaError) => {
    set({ status: 'error', error })
    emit({ type: 'error', error })
    settle(error)
  }

  const fetchServerToken = async () => {
    const source = o.serverToken
    if (typeof source !== 'function') return source
    const started = now()
    emit({ type: 'server_token:requested' })
    const token = await Promise.resolve()
      .then(source)
      .catch(() => 0)
    if (!token || typeof token !== 'string') throw new CaptchaError('server_token_failed')
    emit({ type: 'server_token:received', ms: now() - started })
    return token
  }

  // Starts a challenge on the mounted widget. In the background (a refresh) the valid token stays shown.
  const run = (background = false) => {
    if (!widget || running !== undefined) return
    running = background
    if (!background) set({ status: 'verifying' })
    emit({ type: 'challenge:started', background })
    widget.reset()
    ;(widget.verify ?? widget.showCaptcha)?.call(widget)
  }

  // The refresh timer belongs to a held token: armed on every pass, cleared whenever the token goes.
  const schedule = () => {
    clearTimeout(timer)
    const { token, expiresAt } = state
    if (!token || !expiresAt || o.refresh === 'never') return
    const left = expiresAt - now()
    const lead = auto() ? ttl / 4 : 0
    if (left <= 0) return drop('expired', 'expired')
    if (left <= lead) run(true)
    // Capped: a longer delay overflows the timer and fires at once, again and again.
    timer = setTimeout(schedule, Math.min(running ? left : left - lead, 1e9))
  }

  // The token went (expired, or spent by a submission): with `auto` the next challenge starts at once.
  const drop = (status: 'expired' | 'ready', type: 'expired' | 'spent') => {
    const { token } = state
    if (!token) return
    clearTimeout(timer)
    set({ status, ...NO_TOKEN })
    emit({ type, token: tokenInfo(token) })
    auto() ? run() : widget?.reset()
  }

  const pass = (res: CaptchalaSuccess) => {
    const token = res?.token
    if (!token || typeof token !== 'string') return fail(new CaptchaError('sdk_error', 'no token'))
    const info = tokenInfo(token)
    ttl = (res.ttl! > 0 && res.ttl! * 1000) || o.tokenTtlMs || 120_000
    const expiresAt = now() + ttl
    remounts = 0
    set({ status: 'passed', token, tokenType: info.type, expiresAt, error: null })
    emit({ type: running ? 'refreshed' : 'passed', token: info, expiresAt })
    settle(token)
    schedule()
  }

  const sdkError = (arg: CaptchalaErrorArg) => {
    const error = fromSdkError(arg)
    // An expired challenge or server token is not the user's failure: fetch a new `sct_` and init again.
    if (REMOUNT.test(error.sdkCode!) && remounts++ < 2) {
      emit({ type: 'error', error })
      start()
    } else fail(error)
  }

  // Drops the widget and everything tied to it; callbacks still on their way from it are ignored.
  const teardown = () => {
    gen++
    running = undefined
    clearTimeout(timer)
    widget?.destroy()
    widget = null
  }

  const start = async () => {
    teardown()
    const g = gen
    set({ ...IDLE, status: 'loading' })
    try {
      const sdk = await loadCaptchala({ ...o.loader, onEvent: emit })
      const serverToken = await fetchServerToken()
      if (g !== gen) return
      const { loader, onEvent, refresh, tokenTtlMs, ...init } = o
      const w = sdk.init({
        ...init,
        serverToken,
        onServerTokenExpired: () =>
          fetchServerToken().then(
            (t) => t || null,
            () => null,
          ),
      })
      // Called one by one, not chained: a quirky SDK whose `on*` does not return the instance still works.
      w.onSuccess((res) => g === gen && pass(res))
      w.onError((err) => g === gen && sdkError(err))
      w.onClose(() => {
        if (g !== gen) return
        set({ status: state.token ? 'passed' : 'ready' })
        emit({ type: 'challenge:closed' })
        settle(new CaptchaError('challenge_closed'))
      })
      w.onReady(() => g === gen && emit({ type: 'widget:ready' }))
      if (o.product === 'bind') w.bindTo(el!)
      else w.appendTo(el!)
      widget = w
      set({ status: 'ready' })
      if (waiters.size) run()
    } catch (e) {
      if (g === gen) fail(e instanceof CaptchaError ? e : new CaptchaError('sdk_error', String(e)))
    }
  }

  // A tab that slept (or came back from the back/forward cache) missed its timers: look again at once.
  const wake = () => {
    if (document.visibilityState !== 'hidden') schedule()
  }
  const listen = (method: 'addEventListener' | 'removeEventListener') => {
    document[method]('visibilitychange', wake)
    window[method]('pageshow', wake)
  }

  const unmount = () => {
    if (!el) return
    teardown()
    listen('removeEventListener')
    el = null
    settle(new CaptchaError('destroyed'))
    set(IDLE)
  }

  const execute = ({ signal }: { signal?: AbortSignal } = {}) =>
    abortable(
      signal,
      () =>
        new Promise<string>((resolve, reject) => {
          if (destroyed || !el) return reject(new CaptchaError(destroyed ? 'destroyed' : 'not_mounted'))
          waiters.add((result) => (typeof result === 'string' ? resolve(result) : reject(result)))
          if (widget) run()
          else if (state.status !== 'loading') start() // the last load failed: try again
        }),
    )

  // Hands out the current token once, never after its expiry; otherwise runs the challenge for a new one.
  const take = async (signal?: AbortSignal): Promise<string> => {
    for (;;) {
      const { token, expiresAt } = state
      if (token && token !== used) {
        if (now() < expiresAt!) {
          used = token
          return token
        }
        drop('expired', 'expired')
      }
      await execute({ signal })
    }
  }

  const spend = (token: string) => state.token === token && drop('ready', 'spent')

  const subscriber =
    <L>(set: Set<L>) =>
    (listener: L) => {
      set.add(listener)
      return () => set.delete(listener)
    }

  return {
    subscribe: subscriber(listeners),
    getSnapshot: () => state,
    subscribeEvents: subscriber(eventListeners),
    setOptions(next) {
      const prev = o
      o = next
      if (!el) return
      if (initKey(prev) !== initKey(next)) return void start()
      if (prev.lang !== next.lang) widget?.setLang ? widget.setLang(next.lang ?? 'auto') : start()
      schedule()
    },
    mount(element) {
      if (destroyed) return () => {}
      unmount()
      el = element
      listen('addEventListener')
      start()
      return () => el === element && unmount()
    },
    execute,
    async getToken({ signal } = {}) {
      const token = await take(signal)
      spend(token)
      return token
    },
    withToken<T>(fn: (token: string) => T | Promise<T>) {
      if (submitting) {
        emit({ type: 'submit:joined' })
        return submitting as Promise<T>
      }
      submitting = (async () => {
        const token = await take()
        const started = now()
        let ok = false
        emit({ type: 'submit:started', token: tokenInfo(token) })
        try {
          const result = await fn(token)
          ok = true
          return result
        } finally {
          // The server consumed the token whatever it answered.
          spend(token)
          emit({ type: 'submit:settled', ok, ms: now() - started })
        }
      })().finally(() => {
        submitting = null
      })
      return submitting as Promise<T>
    },
    reset() {
      settle(new CaptchaError('aborted'))
      if (widget) {
        widget.reset()
        clearTimeout(timer)
        set({ status: 'ready', ...NO_TOKEN, error: null })
      } else if (el) start()
    },
    destroy() {
      unmount()
      destroyed = true
      listeners.clear()
      eventListeners.clear()
    },
  }
}
