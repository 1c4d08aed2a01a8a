// The CaptchaLa browser SDK as CONTRACT.md section 1 describes it. Types only: the core talks to whatever
// `window.Captchala` the page has, so these describe the real service and the emulator alike (the emulator's
// browser SDK is type-checked against them).

export type CaptchalaProduct = 'popup' | 'float' | 'embed' | 'bind'

export type CaptchalaTheme =
  | 'dark'
  | 'stereoscopic'
  | {
      custom: {
        color: string
        gradient?: string
        hover?: string
        brightness: 'light' | 'dark' | 'system'
        radius?: string | number
      }
    }

/**
 * The SDK's `init` options. The SDK also reads `bindTo`, `container`, `onSuccess` and `onError` here (the
 * integration snippet of CaptchaLa's demo pages uses them): the kit never sets those, it calls the chained
 * methods instead, so that no callback reaches the SDK that the kit did not mean it to call.
 */
export interface CaptchalaInitOptions {
  /** the app's public key */
  appKey: string
  /** the widget: `popup` (the SDK's default), `float`, `embed` or `bind` */
  product?: CaptchalaProduct | undefined
  /** the business scene bound into the token; the SDK's default is `default` */
  action?: string | undefined
  /** a BCP-47 tag or `auto` */
  lang?: string | undefined
  /** a named theme or custom colours */
  theme?: CaptchalaTheme | undefined
  /** an `sct_` issued by the site's server for this visitor */
  serverToken?: string | undefined
  /** asked for a new `sct_` when the one given expired; `null` when none can be had */
  onServerTokenExpired?: (() => string | null | Promise<string | null>) | undefined
}

/** What `onSuccess` hands over. Only `token` is certain; some SDK versions omit `action`. */
export interface CaptchalaSuccess {
  token: string
  challengeId?: string
  action?: string
  /** seconds */
  ttl?: number
  isOffline?: boolean
  isClientOnly?: boolean
  [key: string]: unknown
}

/** `onError` gets either `"human message (code)"` or an object with `message` and/or `code`. */
export type CaptchalaErrorArg = string | { message?: string; code?: string | number } | null | undefined

export interface CaptchalaWidget {
  onSuccess(cb: (res: CaptchalaSuccess) => void): CaptchalaWidget
  onError(cb: (err: CaptchalaErrorArg) => void): CaptchalaWidget
  onClose(cb: () => void): CaptchalaWidget
  onReady(cb: () => void): CaptchalaWidget
  appendTo(target: string | Element): unknown
  bindTo(target: string | Element): unknown
  showCaptcha?(): unknown
  verify?(): unknown
  reset(): unknown
  destroy(): unknown
  /** missing on old SDKs */
  setLang?(lang: string): unknown
}

export interface CaptchalaGlobal {
  init(options: CaptchalaInitOptions): CaptchalaWidget
}
