import type {
  CaptchalaErrorArg,
  CaptchalaGlobal,
  CaptchalaInitOptions,
  CaptchalaSuccess,
  CaptchalaWidget,
} from '@captchala/contract'
import {
  CHALLENGE_ID_PREFIX,
  type ChallengeErrorCode,
  PASS_PREFIX,
  type ReinitSdkCode,
} from '@captchala/contract'

/**
 * What a challenge does once it starts (the widget is clicked, or the kit calls `execute`):
 * - `pass`: `onSuccess` with a new `pt_` token (or `token`), and `ttl` seconds when given;
 * - `fail`: `onError` with `code` (default `risk_rejected`, as for a refused visitor) and `message` (default
 *   `Verification refused` for `risk_rejected`, else `Verification failed`);
 * - `close`: the visitor closes the challenge (`onClose`);
 * - `expire`: the challenge expires before it is solved (`onError` `challenge_expired`: the kit asks for a new
 *   one, and reports `challenge_expired` if that keeps happening);
 * - `wait`: nothing, until the test calls `pass()`, `fail()` or `close()` on the widget.
 *
 * A string is the same as `{ outcome: thatString }`.
 */
export type ChallengeOutcome =
  | ChallengeOutcomeName
  | { outcome: 'pass'; token?: string | undefined; ttl?: number | undefined }
  | { outcome: 'fail'; code?: string | undefined; message?: string | undefined }
  | { outcome: 'close' | 'expire' | 'wait' }

export type ChallengeOutcomeName = 'pass' | 'fail' | 'close' | 'expire' | 'wait'

export interface FakeCaptchalaOptions {
  /** what every challenge does unless `nextChallenge` said otherwise; default `pass` */
  outcome?: ChallengeOutcome | undefined
  /** `ttl` (seconds) in every success payload; omitted by default, so the kit's `tokenTtlMs` applies */
  ttl?: number | undefined
  /** `false` leaves out `setLang`, as old SDKs do */
  withSetLang?: boolean | undefined
  /**
   * what a click on a `bindTo` button does while no token is held: CaptchaLa's SDK `holds` it (the form is
   * not sent) and starts the challenge; another SDK `letsThrough` the click. Default `holds`.
   */
  boundClick?: 'holds' | 'letsThrough' | undefined
}

/** One widget made by `Captchala.init`, with handles to play the visitor's and the service's part. */
export interface FakeWidget extends CaptchalaWidget {
  /** what `init` was given */
  options: CaptchalaInitOptions
  /** every method the kit called, in order (`setLang:ja` for `setLang('ja')`) */
  calls: string[]
  /** a token from this widget is held (a bound click then goes through) */
  hasToken: boolean
  /** the element `appendTo` drew, while it is drawn */
  node: HTMLElement | null
  destroyed: boolean
  /** fires `onSuccess`; the token defaults to a new `pt_` */
  pass(result?: Partial<CaptchalaSuccess>): string
  /** fires `onError` with either form the real SDK uses: `"message (code)"` or `{ message, code }` */
  fail(error: CaptchalaErrorArg): void
  /** fires `onClose` */
  close(): void
  /** fires `onReady` */
  ready(): void
}

export interface FakeCaptchala {
  /** what the page's `window.Captchala` would be */
  sdk: CaptchalaGlobal
  /** every widget made, oldest first (destroyed ones included) */
  widgets: FakeWidget[]
  /** the newest widget; throws when none was made */
  last(): FakeWidget
  /** every token handed out, oldest first */
  tokens: string[]
  /** what the next challenge does (queued: call it twice for the next two); then `options.outcome` again */
  nextChallenge(outcome: ChallengeOutcome): void
  /** the options, live: a test may change one (say `boundClick`) after the fake is made */
  options: FakeCaptchalaOptions
  /** puts the fake on `window.Captchala`, so the kit uses it instead of loading a script */
  install(): void
  /** takes it off again (and any `window.loadCaptchala`) */
  uninstall(): void
}

const DEFAULT_FAILURE_CODE: ChallengeErrorCode = 'risk_rejected'
const TOKEN_PADDING = 'x'.repeat(40)
/** What the SDK says when a challenge outlived its time: the kit gets a new server token and inits again. */
const EXPIRED_CHALLENGE: ReinitSdkCode = 'challenge_expired'

type SdkWindow = { Captchala?: CaptchalaGlobal; loadCaptchala?: unknown }

/**
 * A `window.Captchala` that behaves as CaptchaLa's browser SDK does, quirks included (chainable `on*`, success
 * payloads without `action`, errors as `"message (code)"` strings or objects), with no network and no
 * timers: a challenge settles on a resolved promise, as the test says it should.
 */
export function createFakeCaptchala(options: FakeCaptchalaOptions = {}): FakeCaptchala {
  const widgets: FakeWidget[] = []
  const tokens: string[] = []
  const queued: ChallengeOutcome[] = []

  const createWidget = (initOptions: CaptchalaInitOptions): FakeWidget => {
    const handlers: Record<string, (arg?: unknown) => void> = {}
    const on = (name: string) => (callback: (arg: never) => void) => {
      handlers[name] = callback as (arg?: unknown) => void
      return widget
    }
    const startChallenge = (name: string) => () => {
      widget.calls.push(name)
      const next = normalise(queued.shift() ?? options.outcome ?? 'pass')
      // A promise, not queueMicrotask: fake timers (Jest's fake queueMicrotask too) cannot hold it back.
      void Promise.resolve().then(() => settle(widget, next))
    }
    const widget: FakeWidget = {
      options: initOptions,
      calls: [],
      hasToken: false,
      node: null,
      destroyed: false,
      onSuccess: on('success'),
      onError: on('error'),
      onClose: on('close'),
      onReady: on('ready'),
      appendTo(target) {
        widget.calls.push('appendTo')
        const parent = typeof target === 'string' ? document.querySelector(target) : target
        widget.node = document.createElement('div')
        widget.node.className = `captchala-${initOptions.product ?? 'popup'}`
        parent?.appendChild(widget.node)
      },
      bindTo(target) {
        widget.calls.push('bindTo')
        const button = typeof target === 'string' ? document.querySelector(target) : target
        button?.addEventListener('click', (click) => {
          if (widget.destroyed || widget.hasToken) return
          if ((options.boundClick ?? 'holds') === 'holds') click.preventDefault()
          startChallenge('verify')()
        })
      },
      verify: startChallenge('verify'),
      showCaptcha: startChallenge('showCaptcha'),
      reset() {
        widget.calls.push('reset')
        widget.hasToken = false
      },
      destroy() {
        widget.calls.push('destroy')
        widget.node?.remove()
        widget.node = null
        widget.destroyed = true
      },
      ...(options.withSetLang === false
        ? {}
        : { setLang: (lang: string) => widget.calls.push(`setLang:${lang}`) }),
      pass(result = {}) {
        const token = result.token ?? `${PASS_PREFIX}${tokens.length + 1}${TOKEN_PADDING}`
        const payload: CaptchalaSuccess = {
          token,
          challengeId: `${CHALLENGE_ID_PREFIX}${tokens.length + 1}`,
          ...result,
        }
        if (options.ttl !== undefined && payload.ttl === undefined) payload.ttl = options.ttl
        tokens.push(token)
        widget.hasToken = true
        handlers.success?.(payload)
        return token
      },
      fail: (error) => handlers.error?.(error),
      close: () => handlers.close?.(),
      ready: () => handlers.ready?.(),
    }
    return widget
  }

  const sdk: CaptchalaGlobal = {
    init(initOptions) {
      const widget = createWidget(initOptions)
      widgets.push(widget)
      return widget
    },
  }
  const sdkWindow = () => window as unknown as SdkWindow

  return {
    sdk,
    widgets,
    tokens,
    options,
    last() {
      const newest = widgets[widgets.length - 1]
      if (!newest)
        throw new Error('No CaptchaLa widget was made yet: is <Captcha> mounted, and the fake installed?')
      return newest
    },
    nextChallenge: (outcome) => void queued.push(outcome),
    install() {
      sdkWindow().Captchala = sdk
    },
    uninstall() {
      delete sdkWindow().Captchala
      delete sdkWindow().loadCaptchala
    },
  }
}

/** `createFakeCaptchala(options)`, installed on `window.Captchala`; call `uninstall()` after the test. */
export function installFakeCaptchala(options: FakeCaptchalaOptions = {}): FakeCaptchala {
  const fake = createFakeCaptchala(options)
  fake.install()
  return fake
}

type Settled = Exclude<ChallengeOutcome, ChallengeOutcomeName>

function normalise(outcome: ChallengeOutcome): Settled {
  return typeof outcome === 'string' ? ({ outcome } as Settled) : outcome
}

function settle(widget: FakeWidget, next: Settled) {
  if (widget.destroyed) return
  switch (next.outcome) {
    case 'pass':
      widget.pass({
        ...(next.token && { token: next.token }),
        ...(next.ttl !== undefined && { ttl: next.ttl }),
      })
      return
    case 'fail': {
      const code = next.code ?? DEFAULT_FAILURE_CODE
      widget.fail({
        code,
        message:
          next.message ?? (code === DEFAULT_FAILURE_CODE ? 'Verification refused' : 'Verification failed'),
      })
      return
    }
    case 'close':
      widget.close()
      return
    case 'expire':
      widget.fail({ code: EXPIRED_CHALLENGE, message: 'The challenge expired' })
      return
    case 'wait':
      return
  }
}
