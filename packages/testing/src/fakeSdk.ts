import { afterEach, beforeEach, vi } from 'vitest'
import type {
  CaptchalaErrorArg,
  CaptchalaGlobal,
  CaptchalaInitOptions,
  CaptchalaSuccess,
  CaptchalaWidget,
} from '../../core/src/sdk'

export interface FakeSdkOptions {
  /** what `verify()` / `showCaptcha()` do: pass at once (default), or wait for the test to call `pass()` etc. */
  onVerify?: 'pass' | 'wait'
  /** `ttl` put in the success payload (seconds); omitted when undefined */
  ttl?: number
  /** old SDKs lack `setLang` */
  withSetLang?: boolean
  /**
   * what a click on a `bindTo` button does while no token is held: CaptchaLa's SDK `holds` it (the form is
   * not sent) and starts the challenge; another SDK `letsThrough` the click. Default `holds`.
   */
  boundClick?: 'holds' | 'letsThrough'
}

/** One widget made by `Captchala.init`, with handles to play the user's and the service's part. */
export interface FakeWidget extends CaptchalaWidget {
  options: CaptchalaInitOptions
  calls: string[]
  /** a token from this widget is held (a bound click then goes through) */
  hasToken: boolean
  node: HTMLElement | null
  destroyed: boolean
  /** fire onSuccess; the token defaults to a new `pt_` */
  pass(res?: Partial<CaptchalaSuccess>): string
  /** fire onError with either form the real SDK uses */
  fail(arg: CaptchalaErrorArg): void
  close(): void
  ready(): void
}

/**
 * A `window.Captchala` that follows CONTRACT.md section 1, quirks included: chainable `on*`, success payloads
 * without `action`, errors as `"message (code)"` strings or objects.
 */
export function createFakeSdk(config: FakeSdkOptions = {}) {
  const widgets: FakeWidget[] = []
  let issued = 0
  const sdk: CaptchalaGlobal = {
    init(options) {
      const handlers: Record<string, (arg?: unknown) => void> = {}
      const on = (name: string) => (cb: (arg: never) => void) => {
        handlers[name] = cb as (arg?: unknown) => void
        return widget
      }
      const start = (name: string) => () => {
        widget.calls.push(name)
        if (config.onVerify !== 'wait') queueMicrotask(() => widget.pass())
      }
      const widget: FakeWidget = {
        options,
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
          const el = typeof target === 'string' ? document.querySelector(target) : target
          widget.node = document.createElement('div')
          widget.node.className = `captchala-${options.product ?? 'popup'}`
          el?.appendChild(widget.node)
        },
        bindTo(target) {
          widget.calls.push('bindTo')
          const button = typeof target === 'string' ? document.querySelector(target) : target
          button?.addEventListener('click', (click) => {
            if (widget.destroyed || widget.hasToken) return
            if ((config.boundClick ?? 'holds') === 'holds') click.preventDefault()
            start('verify')()
          })
        },
        verify: start('verify'),
        showCaptcha: start('showCaptcha'),
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
        ...(config.withSetLang === false
          ? {}
          : { setLang: (lang: string) => widget.calls.push(`setLang:${lang}`) }),
        pass(res = {}) {
          const token = res.token ?? `pt_${++issued}${'x'.repeat(40)}`
          const payload: CaptchalaSuccess = { token, challengeId: `ch_${issued}`, ...res }
          if (config.ttl !== undefined) payload.ttl = config.ttl
          widget.hasToken = true
          handlers.success?.(payload)
          return token
        },
        fail: (arg) => handlers.error?.(arg),
        close: () => handlers.close?.(),
        ready: () => handlers.ready?.(),
      }
      widgets.push(widget)
      return widget
    },
  }
  // `config` stays live: a test may change a behaviour (say `boundClick`) after the fake is made.
  return { sdk, widgets, last: () => widgets[widgets.length - 1]!, config }
}

/**
 * For a test file: fake timers and a fresh fake SDK as `window.Captchala` before each test, all undone after
 * (with `cleanup`, e.g. Testing Library's, run first). Returns a getter for the current fake.
 */
export function installFakeSdk(cleanup: () => void = () => {}) {
  let fake: ReturnType<typeof createFakeSdk>
  beforeEach(() => {
    vi.useFakeTimers()
    fake = createFakeSdk()
    window.Captchala = fake.sdk
  })
  afterEach(() => {
    cleanup()
    vi.useRealTimers()
    delete window.Captchala
  })
  return () => fake
}
