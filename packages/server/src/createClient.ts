import {
  APP_KEY_HEADER,
  APP_SECRET_HEADER,
  ISSUE_PATH,
  MODERATE_CONTENT_PATH,
  MODERATE_TEXT_PATH,
  type ModerationInputCode,
  PASS_PREFIX,
  VALIDATE_PATH,
} from '@captchala/contract'
import { createRecorder } from './callRecorder'
import { withDeadline } from './deadline'
import { earlierOf } from './earlierOf'
import { type IssueResult, issueWith } from './issue'
import {
  type ModerationInput,
  type ModerationOptions,
  type ModerationResult,
  moderateWith,
  moderationFailure,
} from './moderation'
import { type ClientOptions, DEFAULTS, type IssueOptions, type ValidateOptions } from './options'
import { policyFor } from './policy'
import { memoryReplayGuard } from './ReplayGuard'
import { fetchTransport, type Transport } from './transport'
import { createUpstream, type Upstream, type UpstreamHealth, type UpstreamName } from './upstream'
import { type TokenInfo, type TokenType, tokenInfo, type ValidateResult } from './ValidateResult'
import { type Call, createVerdicts, resultFor } from './verdicts'

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
      const result = await withDeadline(timeoutMs, (deadline) =>
        issueWith(issuer, issueOptions, deadline, started.trace, now),
      )
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
