import type { CaptchalaProduct, CaptchalaTheme } from '@captchala/contract'
import type { CaptchaEvent } from './CaptchaEvent'
import type { Clock } from './clock'
import type { LoadOptions } from './loadCaptchala'
import type { ServerTokenSource } from './serverToken'
import type { RefreshMode } from './tokenLifetime'

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
  serverToken?: ServerTokenSource
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
  /**
   * a form post that carries the token (the hidden input) spends it, as `withToken` does: a form sent without
   * a page load (React Router's `<Form>`, a Server Action, `fetch` with `new FormData(form)`) never sends the
   * same token twice; default `true`
   */
  spendOnSubmit?: boolean | undefined
  /** time and timers, read once at creation; tests inject a fake (`createTestClock` of @captchala/testing) */
  clock?: Clock | undefined
}
