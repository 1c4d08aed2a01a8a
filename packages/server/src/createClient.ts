import {
  APP_KEY_HEADER,
  APP_SECRET_HEADER,
  ISSUE_PATH,
  MODERATE_CONTENT_PATH,
  MODERATE_TEXT_PATH,
  type ModerationInputCode,
  PASS_PREFIX,
  readEnvelope,
  SERVER_TOKEN_TTL_SECONDS,
  SERVICE_API_URL,
  SERVICE_BACKUP_VALIDATE_URL,
  SERVICE_TIMEOUT_MS,
  VALIDATE_PATH,
} from '@captchala/contract'
import type { RecordListener } from './CaptchalaRecord'
import { createRecorder } from './callRecorder'
import { withDeadline } from './deadline'
import { earlierOf } from './earlierOf'
import {
  type ModerationInput,
  type ModerationOptions,
  type ModerationResult,
  moderateWith,
  moderationFailure,
} from './moderation'
import { type PolicyOptions, policyFor } from './policy'
import { memoryReplayGuard, type ReplayGuard } from './ReplayGuard'
import { fetchTransport, type Transport } from './transport'
import { createUpstream, type Upstream, type UpstreamHealth, type UpstreamName } from './upstream'
import {
  type FailureDescription,
  type TokenInfo,
  type TokenType,
  tokenInfo,
  toValidateError,
  UNDESCRIBED,
  type ValidateError,
  type ValidateResult,
} from './ValidateResult'
import { type Call, createVerdicts, noAnswerError, resultFor } from './verdicts'

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

export type IssueResult = FailureDescription &
  (
    | { ok: true; error: null; serverToken: string; expiresIn: number; issuedAt: number }
    | { ok: false; error: ValidateError; serverToken: null; expiresIn: null; issuedAt: null }
  )

/** What this server sees of CaptchaLa, URL by URL. */
export interface CaptchalaHealth {
  main: UpstreamHealth
  backup: UpstreamHealth
  /** the server-token issue URL */
  issue: UpstreamHealth
}

export interface CaptchalaClient {
  validate(token: unknown, options?: ValidateOptions): Promise<ValidateResult>
  issueServerToken(options: IssueOptions): Promise<IssueResult>
  /** content moderation of one text; `empty_text` without a request */
  moderateText(text: unknown, options?: ModerationOptions): Promise<ModerationResult>
  /** content moderation of texts and images; `empty_input` without a request */
  moderate(input: readonly ModerationInput[], options?: ModerationOptions): Promise<ModerationResult>
  /** each URL's circuit breaker and since when it fails: for health endpoints and logs */
  health(): CaptchalaHealth
  /** stops the background probes of open breakers (their timers never keep a process alive anyway) */
  close(): void
}

const DEFAULTS = {
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
/** An outage check may use this share of the call's deadline, so that the backup still has time after it. */
const OUTAGE_CHECK_SHARE = 1 / 2
/** The platform CaptchaLa says the challenge was solved on (`web`, `ios`...), for the record. */
const platformOf = (result: ValidateResult): string | null => {
  const platform = result.captchaArgs?.platform
  return typeof platform === 'string' ? platform : null
}

/**
 * What the background probes send: calls CaptchaLa answers with an envelope and that consume nothing. A
 * validation of a token nobody holds, kept (`keep_token`); an issue or moderation call without its subject.
 */
const VALIDATION_PROBE = { pass_token: `${PASS_PREFIX}captchala_probe`, keep_token: true }
const EMPTY_PROBE = {}

/**
 * A client that sends its calls through `defaultTransport()` unless `options.fetch` is given: each entry
 * point of the package (Node, or any runtime with `fetch`) makes `createClient` with its own.
 */
export function createClientWith(defaultTransport: () => Transport, options: ClientOptions): CaptchalaClient {
  const { appKey, appSecret } = options
  const setting = <Name extends keyof typeof DEFAULTS>(name: Name) => options[name] ?? DEFAULTS[name]
  const transport = options.fetch ? fetchTransport(options.fetch) : defaultTransport()
  const now = options.now ?? Date.now
  const rulesFor = policyFor(options.policy)
  const replayGuard = options.replayGuard ?? memoryReplayGuard(now)
  // The guard's memory is counted from now (a shared store keeps the earliest instance's time): an outage
  // that begins later is covered by it. If the store cannot be reached yet, the first acceptance asks again.
  replayGuard.rememberedSince().catch(() => {})
  const timeoutMs = setting('timeoutMs')
  const upstream = (name: UpstreamName, url: string, probe: object): Upstream =>
    createUpstream({
      name,
      url,
      headers: { [APP_KEY_HEADER]: appKey, [APP_SECRET_HEADER]: appSecret },
      transport,
      retries: setting('retries'),
      failuresToOpen: setting('breakerFailures'),
      cooldownMs: setting('breakerCooldownMs'),
      probe: setting('probeInBackground') ? probe : null,
      probeTimeoutMs: timeoutMs,
      now,
    })
  const base = setting('baseUrl').replace(/\/+$/, '')
  const main = upstream('main', `${base}${VALIDATE_PATH}`, VALIDATION_PROBE)
  const backup = upstream('backup', setting('backupUrl'), VALIDATION_PROBE)
  // Issuing and moderation have breakers of their own: their failures say nothing about whether tokens
  // can be validated.
  const issuer = upstream('issue', `${base}${ISSUE_PATH}`, EMPTY_PROBE)
  const textModeration = upstream('moderation', `${base}${MODERATE_TEXT_PATH}`, EMPTY_PROBE)
  const checkModeration = upstream('moderation', `${base}${MODERATE_CONTENT_PATH}`, EMPTY_PROBE)
  const upstreams = [main, backup, issuer, textModeration, checkModeration]
  const credentials = { app_key: appKey, app_secret: appSecret }
  const judge = createVerdicts({
    main,
    backup,
    replayGuard,
    replayTtlMs: setting('replayTtlMs'),
    clientOnlyReplayTtlMs: setting('clientOnlyReplayTtlMs'),
    guardTimeoutMs: setting('guardTimeoutMs'),
    now,
  })
  const recorder = createRecorder({
    appKey,
    environment: options.environment ?? null,
    recordClientIp: options.recordClientIp === true,
    onRecord: options.onRecord,
    breakers: () => ({ main: main.health().state, backup: backup.health().state }),
    now,
  })

  // The verdict on one token, before its description.
  async function judgeToken(
    token: unknown,
    sent: TokenInfo | null,
    trace: Call['trace'],
    { clientIp, expectedAction, keepToken }: ValidateOptions,
  ) {
    const tokenType: TokenType = sent?.type ?? 'unknown'
    if (typeof token !== 'string' || !token.trim()) return resultFor(tokenType, { error: 'empty_token' })
    return withDeadline(timeoutMs, (deadline) =>
      judge({
        token,
        tokenType,
        expectedAction,
        keepToken: keepToken === true,
        rules: rulesFor(expectedAction),
        deadline,
        // Made only for a token that claims an outage: a signal per call costs every pass too.
        outageCheckDeadline: () => earlierOf(deadline, timeoutMs * OUTAGE_CHECK_SHARE),
        request: { pass_token: token, client_ip: clientIp, keep_token: keepToken },
        trace,
      }),
    )
  }

  // A server token, before its description.
  async function issue(
    { action, bindingIp, ttl, maxUses, bindUid }: IssueOptions,
    trace: Call['trace'],
  ): Promise<IssueResult> {
    const failed = (error: ValidateError): IssueResult => ({
      ok: false,
      error,
      serverToken: null,
      expiresIn: null,
      issuedAt: null,
      ...UNDESCRIBED,
    })
    if (typeof action !== 'string' || !action) return failed('invalid_action')
    const body = { action, binding_ip: bindingIp, ttl, max_uses: maxUses, bind_uid: bindUid }
    const answer = await withDeadline(timeoutMs, (deadline) => issuer.post(body, deadline, { trace }))
    const { envelope, status } = answer
    if (!envelope) return failed(noAnswerError(answer))
    const reading = readEnvelope(envelope)
    if (!reading.wentThrough) return failed(toValidateError(reading.errorCode, status))
    const { data } = reading
    if (typeof data.server_token !== 'string') return failed('unknown_error')
    return {
      ok: true,
      error: null,
      serverToken: data.server_token,
      expiresIn: Number(data.expires_in ?? ttl ?? SERVER_TOKEN_TTL_SECONDS),
      issuedAt: Number(data.issued_at ?? Math.floor(now() / 1000)),
      ...UNDESCRIBED,
    }
  }

  // One moderation call, recorded: refused without a request when its input is empty.
  async function moderation(
    call: 'moderate_text' | 'moderate',
    upstream: Upstream,
    empty: ModerationInputCode | null,
    body: object,
    options: ModerationOptions,
  ): Promise<ModerationResult> {
    const started = recorder.start(call, upstream.url, options)
    const result = empty
      ? moderationFailure(empty)
      : await withDeadline(timeoutMs, (deadline) =>
          moderateWith(upstream, credentials, body, deadline, started.trace),
        )
    return { ...result, ...recorder.finish(started, { ok: result.ok, code: result.error }) }
  }

  return {
    async validate(token, validateOptions = {}) {
      const started = recorder.start('validate', main.url, validateOptions)
      // Read once: its kind decides the verdict's path, its id and prefix go into the record and the result.
      const sent = tokenInfo(token)
      const result = await judgeToken(token, sent, started.trace, validateOptions)
      const described = recorder.finish(started, {
        ok: result.valid,
        code: result.error,
        expectedAction: validateOptions.expectedAction,
        action: result.action,
        token: sent,
        platform: platformOf(result),
        clientIp: validateOptions.clientIp,
      })
      return { ...result, ...described, tokenId: sent?.id ?? null }
    },

    async issueServerToken(issueOptions) {
      const started = recorder.start('issue', issuer.url, issueOptions)
      const result = await issue(issueOptions, started.trace)
      const ending = { ok: result.ok, code: result.error, expectedAction: issueOptions.action }
      return { ...result, ...recorder.finish(started, ending) }
    },

    moderateText(text, moderationOptions = {}) {
      const empty = typeof text !== 'string' || !text.trim()
      const body = { text, user_id: moderationOptions.userId }
      return moderation('moderate_text', textModeration, empty ? 'empty_text' : null, body, moderationOptions)
    },

    moderate(input, moderationOptions = {}) {
      const empty = !Array.isArray(input) || !input.length
      const body = { input, user_id: moderationOptions.userId }
      return moderation('moderate', checkModeration, empty ? 'empty_input' : null, body, moderationOptions)
    },

    health: () => ({ main: main.health(), backup: backup.health(), issue: issuer.health() }),

    close() {
      for (const each of upstreams) each.close()
      transport.close()
    },
  }
}
