import { SERVICE_API_URL, SERVICE_BACKUP_VALIDATE_URL, SERVICE_TIMEOUT_MS } from '@captchala/contract'
import type { RecordListener } from './CaptchalaRecord'
import type { PolicyOptions } from './policy'
import type { ReplayGuard } from './ReplayGuard'

// What `createClient` and each of its calls take, and the client's defaults.

export interface ClientOptions {
  /** your app's public key (the one the browser has too) */
  appKey: string
  /** server-side only: it goes in the `X-App-Secret` header and nowhere else */
  appSecret: string
  /** default `https://apiv1.captcha.la` */
  baseUrl?: string | undefined
  /** the backup validation URL; default `https://fallbackapiv1.captchala.com/api/validate` */
  backupUrl?: string | undefined
  /** one deadline for a whole call: retries and outage checks included; default 5 s, as the official SDKs */
  timeoutMs?: number | undefined
  /**
   * further attempts within the deadline, never after a verdict; default 2. A validation that consumes the
   * token is retried only when its request surely never left (refused connection, DNS failure); after one
   * that may have reached CaptchaLa, a lost answer is `answer_lost`. Other calls: after any transport
   * failure or 5xx.
   */
  retries?: number | undefined
  /**
   * the `fetch` to call CaptchaLa with (tests, proxies, mocks such as msw); default on Node a pooled
   * keep-alive transport (node:http), elsewhere the runtime's own `fetch`; it is asked with `redirect: 'manual'`
   * and its answers are read up to 64 KiB, as every transport's
   */
  fetch?: typeof fetch | undefined
  /** the default policy, and per-action overrides keyed by `expectedAction` */
  policy?: PolicyOptions | undefined
  /** where locally accepted tokens are made single-use; in memory by default */
  replayGuard?: ReplayGuard | undefined
  /** how long the guard remembers an accepted `dg_`; default 10 minutes (they live 5) */
  replayTtlMs?: number | undefined
  /** how long it remembers an accepted client-only token (they carry no expiry); default 24 hours */
  clientOnlyReplayTtlMs?: number | undefined
  /**
   * how long the replay guard may take (a claim, read back if its reply was lost, and the check of its
   * memory) before the token is refused with `replay_guard_unavailable`; default 1 s
   */
  guardTimeoutMs?: number | undefined
  /** calls in a row without an answer that open a URL's circuit breaker; default 3 */
  breakerFailures?: number | undefined
  /** how long an open breaker answers at once before a call may try the URL again; default 1 s */
  breakerCooldownMs?: number | undefined
  /**
   * while a breaker is open, ask its URL in the background every `breakerCooldownMs` with a call that
   * consumes nothing, and close it on the first answer (timers `unref`'d, stopped by `close()`); default
   * `true`. Turn it off where no timer may outlive a request (serverless): the next visitor's call then
   * probes, after the cooldown.
   */
  probeInBackground?: boolean | undefined
  /** the clock (epoch ms) for outages seen and answers without a time of their own; default `Date.now` */
  now?: (() => number) | undefined
  /**
   * one structured record per call (validate, issue, moderation), for your logs: `recordsToLogger(pino)` or
   * `recordsToConsole()`. Records are also published on `node:diagnostics_channel` (`captchala:record`)
   * where the runtime has it. Never a secret, never a whole token.
   */
  onRecord?: RecordListener | undefined
  /** this deployment's name (`production`, `staging`...), written into every record */
  environment?: string | undefined
  /** write the visitor's IP (the `clientIp` of a validation) into its record; default `false` */
  recordClientIp?: boolean | undefined
}

/** What every call may say about itself, for its record and result. */
export interface CallOptions {
  /** your request's id (a header, your framework's `request.id`), for the record and the result; default one made for the call */
  requestId?: string | undefined
  /** this call's record, besides the client's `onRecord` (a request-scoped logger, say) */
  onRecord?: RecordListener | undefined
}

export interface ValidateOptions extends CallOptions {
  /** the end user's IP, for the service's consistency check */
  clientIp?: string | undefined
  /** the action this endpoint expects; a token made for another is `token_action_mismatch` */
  expectedAction?: string | undefined
  /** check without consuming */
  keepToken?: boolean | undefined
}

export interface IssueOptions extends CallOptions {
  /** the action the `sct_` is for; the widget must use the same one */
  action: string
  /** the visitor's IP the token is bound to */
  bindingIp?: string | undefined
  /** seconds; the service's default is 300 */
  ttl?: number | undefined
  /** a retry budget: how many challenges the browser may start with it (CaptchaLa's own plugins send 3 to 10) */
  maxUses?: number | undefined
  /** your user's id, bound into the token */
  bindUid?: string | undefined
}

/** Each `ClientOptions` setting a client falls back to when it is not given. */
export const DEFAULTS = {
  baseUrl: SERVICE_API_URL,
  backupUrl: SERVICE_BACKUP_VALIDATE_URL,
  timeoutMs: SERVICE_TIMEOUT_MS,
  retries: 2,
  replayTtlMs: 10 * 60_000,
  clientOnlyReplayTtlMs: 24 * 3_600_000,
  guardTimeoutMs: 1_000,
  breakerFailures: 3,
  breakerCooldownMs: 1_000,
  probeInBackground: true,
}
