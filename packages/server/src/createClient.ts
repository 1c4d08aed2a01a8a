import {
  type ModerationInput,
  type ModerationOptions,
  type ModerationResult,
  moderateWith,
  moderationFailure,
} from './moderation'
import { memoryReplayGuard, type ReplayGuard } from './ReplayGuard'
import {
  createUpstream,
  type Envelope,
  type Upstream,
  type UpstreamAnswer,
  type UpstreamHealth,
} from './upstream'
import {
  type TokenType,
  tokenTypeOf,
  toValidateError,
  type ValidateError,
  type ValidateResult,
} from './ValidateResult'

/** Which tokens a site accepts that the main API did not verify as single-use pass tokens. */
export interface Policy {
  /** `dg_`: the app's quota ran out; made single-use by the replay guard (default: refuse) */
  degraded: boolean
  /** `offline_`: verified (once) by the backup while the main API fails from here (default: accept) */
  offline: boolean
  /** accept `offline_` whenever the backup says valid, even while the main API answers here (default: no) */
  offlineWhileMainUp: boolean
  /**
   * `client_` / `co_`: made in the browser, verifiable by nobody; accepted once, and only while neither the
   * main API nor the backup answers this server (default: refuse)
   */
  clientOnly: boolean
}

/** Any of the policy's switches; an absent or `undefined` one keeps the default. */
export type PolicyOverrides = { [Switch in keyof Policy]?: Policy[Switch] | undefined }

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
  /** the `fetch` to call CaptchaLa with; default the runtime's own (tests and proxies pass theirs) */
  fetch?: typeof fetch | undefined
  /** the default policy, and per-action overrides keyed by `expectedAction` */
  policy?: (PolicyOverrides & { actions?: Record<string, PolicyOverrides> | undefined }) | undefined
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
}

export interface ValidateOptions {
  /** the end user's IP, for the service's consistency check */
  clientIp?: string | undefined
  /** the action this endpoint expects; a token made for another is `token_action_mismatch` */
  expectedAction?: string | undefined
  /** check without consuming */
  keepToken?: boolean | undefined
}

export interface IssueOptions {
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

export type IssueResult =
  | { ok: true; error: null; serverToken: string; expiresIn: number; issuedAt: number }
  | { ok: false; error: ValidateError; serverToken: null; expiresIn: null; issuedAt: null }

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
  baseUrl: 'https://apiv1.captcha.la',
  backupUrl: 'https://fallbackapiv1.captchala.com/api/validate',
  timeoutMs: 5_000,
  retries: 2,
  replayTtlMs: 10 * 60_000,
  clientOnlyReplayTtlMs: 24 * 3_600_000,
  guardTimeoutMs: 1_000,
  breakerFailures: 3,
  breakerCooldownMs: 1_000,
  probeInBackground: true,
}
const DEFAULT_POLICY: Policy = {
  degraded: false,
  offline: true,
  offlineWhileMainUp: false,
  clientOnly: false,
}
/** An outage check may use this share of the call's deadline, so that the backup still has time after it. */
const OUTAGE_CHECK_SHARE = 1 / 2
/**
 * What the background probes send: calls CaptchaLa answers with an envelope and that consume nothing. A
 * validation of a token nobody holds, kept (`keep_token`); an issue or moderation call without its subject.
 */
const VALIDATION_PROBE = { pass_token: 'pt_captchala_probe', keep_token: true }
const EMPTY_PROBE = {}

// A switch given as `undefined` keeps the default instead of turning into a refusal.
const definedSwitches = (overrides: PolicyOverrides | undefined): Partial<Policy> =>
  Object.fromEntries(Object.entries(overrides ?? {}).filter(([, value]) => value !== undefined))

/** One `validate` call: the token, what it is, the rules for its action and the deadline it has. */
interface Call {
  token: string
  tokenType: TokenType
  expectedAction: string | undefined
  keepToken: boolean
  rules: Policy
  deadline: AbortSignal
  outageCheckDeadline: AbortSignal
  request: object
}

export function createClient(options: ClientOptions): CaptchalaClient {
  const { appKey, appSecret, policy: { actions = {}, ...defaultPolicy } = {} } = options
  const setting = <Name extends keyof typeof DEFAULTS>(name: Name) => options[name] ?? DEFAULTS[name]
  const send = options.fetch ?? globalThis.fetch
  const replayGuard = options.replayGuard ?? memoryReplayGuard()
  // The guard's memory is counted from now (a shared store keeps the earliest instance's time): an outage
  // that begins later is covered by it. If the store cannot be reached yet, the first acceptance asks again.
  replayGuard.rememberedSince().catch(() => {})
  const timeoutMs = setting('timeoutMs')
  const upstream = (url: string, probe: object): Upstream =>
    createUpstream({
      url,
      headers: { 'x-app-key': appKey, 'x-app-secret': appSecret },
      fetch: send,
      retries: setting('retries'),
      failuresToOpen: setting('breakerFailures'),
      cooldownMs: setting('breakerCooldownMs'),
      probe: setting('probeInBackground') ? probe : null,
      probeTimeoutMs: timeoutMs,
    })
  const base = setting('baseUrl').replace(/\/+$/, '')
  const main = upstream(`${base}/v1/validate`, VALIDATION_PROBE)
  const backup = upstream(setting('backupUrl'), VALIDATION_PROBE)
  // Issuing and moderation have breakers of their own: their failures say nothing about whether tokens
  // can be validated.
  const issuer = upstream(`${base}/v1/server/challenge/issue`, EMPTY_PROBE)
  const textModeration = upstream(`${base}/v1/moderation/text`, EMPTY_PROBE)
  const checkModeration = upstream(`${base}/v1/moderation/check`, EMPTY_PROBE)
  const upstreams = [main, backup, issuer, textModeration, checkModeration]
  const credentials = { app_key: appKey, app_secret: appSecret }

  const result = (call: Pick<Call, 'tokenType'>, patch: Partial<ValidateResult>): ValidateResult => ({
    valid: false,
    verified: false,
    error: null,
    action: null,
    tokenType: call.tokenType,
    degraded: call.tokenType === 'degraded',
    offline: call.tokenType === 'offline',
    clientOnly: call.tokenType === 'client',
    challengeId: null,
    captchaArgs: null,
    upstreamStatus: null,
    ...patch,
  })

  // CaptchaLa's answer about the token, from the main API or the backup, as a result.
  async function judgeAnswer(
    call: Call,
    { envelope, status, lost }: UpstreamAnswer,
  ): Promise<ValidateResult> {
    const upstreamStatus = status || null
    if (!envelope) return result(call, { error: lost ? 'answer_lost' : 'request_failed', upstreamStatus })
    const data = envelope.data ?? {}
    if (envelope.code !== 0) return result(call, { verified: true, error: errorOf(envelope), upstreamStatus })
    const action = typeof data.action === 'string' ? data.action : null
    const context: Partial<ValidateResult> = {
      verified: true,
      upstreamStatus,
      action,
      challengeId: typeof data.challenge_id === 'string' ? data.challenge_id : null,
      captchaArgs: captchaArgsOf(data),
    }
    const degraded = data.degraded === true
    if (!degraded && data.valid !== true && data.ok !== true) {
      return result(call, { ...context, error: toValidateError(data.error) })
    }
    // The caller's check the contract asks for: a token made for another action is refused.
    if (call.expectedAction !== undefined && action !== call.expectedAction) {
      return result(call, { ...context, error: 'token_action_mismatch' })
    }
    if (!degraded) return result(call, { ...context, valid: true })
    if (!call.rules.degraded) return result(call, { ...context, degraded, error: 'degraded_rejected' })
    return acceptOnce(call, { ...context, degraded }, { ttlMs: setting('replayTtlMs') })
  }

  // Since when every one of these URLs has failed from here, or `null` as soon as one answers. Each is asked
  // about this very token (kept, not consumed), unless its breaker is open: then the answer is at once.
  async function outageSince(call: Call, urls: Upstream[]): Promise<number | null> {
    for (const url of urls) {
      const probe = { pass_token: call.token, keep_token: true }
      if ((await url.post(probe, call.outageCheckDeadline)).envelope) return null
    }
    return Math.max(...urls.map((url) => url.health().failingSince ?? Date.now()))
  }

  // `offline_`: an outage claim. Checked against what this server sees of the main API, then always
  // validated at the backup, which makes it single-use.
  async function judgeOffline(call: Call): Promise<ValidateResult> {
    if (!call.rules.offline) return result(call, { error: 'offline_rejected' })
    if (!call.rules.offlineWhileMainUp && (await outageSince(call, [main])) === null) {
      return result(call, { verified: true, error: 'outage_not_seen' })
    }
    return judgeAnswer(call, await backup.post(call.request, call.deadline, { consumes: !call.keepToken }))
  }

  // `client_` / `co_`: nobody can verify it, so it is taken only during an outage this server sees of both
  // URLs, and once, remembered by the replay guard for the whole outage.
  async function judgeClientOnly(call: Call): Promise<ValidateResult> {
    if (!call.rules.clientOnly) return result(call, { error: 'client_only_rejected' })
    const since = await outageSince(call, [main, backup])
    if (since === null) return result(call, { verified: true, error: 'outage_not_seen' })
    return acceptOnce(
      call,
      { action: call.expectedAction ?? null },
      { ttlMs: setting('clientOnlyReplayTtlMs'), rememberedBefore: since },
    )
  }

  // Accepts a token CaptchaLa did not make single-use, through the replay guard; never without it.
  // `rememberedBefore`: the guard must have kept every claim since then (the outage's start), or a claim it
  // lost (a Redis restarted empty) could be made again.
  async function acceptOnce(
    call: Call,
    patch: Partial<ValidateResult>,
    { ttlMs, rememberedBefore }: { ttlMs: number; rememberedBefore?: number },
  ): Promise<ValidateResult> {
    if (call.keepToken) return result(call, { ...patch, valid: true })
    // The guard's memory is checked after the claim is settled, never before: a store that lost its data in
    // between (a shard restarted while a claim's reply was lost) then shows a later time, and its "first" is
    // not believed.
    const claim = async (signal: AbortSignal) => {
      const key = await sha256(call.token)
      const first = await replayGuard.claim(key, ttlMs, signal)
      const forgotten =
        rememberedBefore !== undefined && (await replayGuard.rememberedSince(key, signal)) > rememberedBefore
      if (forgotten) return 'forgotten'
      return first ? 'first' : 'replayed'
    }
    const outcome = await withTimeout(claim, setting('guardTimeoutMs')).catch(() => 'unavailable')
    if (outcome === 'first') return result(call, { ...patch, valid: true })
    if (outcome === 'replayed') return result(call, { ...patch, error: 'token_replayed' })
    return result(call, { ...patch, error: 'replay_guard_unavailable' })
  }

  return {
    async validate(token, { clientIp, expectedAction, keepToken } = {}) {
      const tokenType: TokenType = typeof token === 'string' ? tokenTypeOf(token) : 'unknown'
      if (typeof token !== 'string' || !token.trim()) return result({ tokenType }, { error: 'empty_token' })
      const deadline = AbortSignal.timeout(timeoutMs)
      const call: Call = {
        token,
        tokenType,
        expectedAction,
        keepToken: keepToken === true,
        rules: {
          ...DEFAULT_POLICY,
          ...definedSwitches(defaultPolicy),
          ...definedSwitches(expectedAction ? actions[expectedAction] : undefined),
        },
        deadline,
        outageCheckDeadline: AbortSignal.any([deadline, AbortSignal.timeout(timeoutMs * OUTAGE_CHECK_SHARE)]),
        request: { pass_token: token, client_ip: clientIp, keep_token: keepToken },
      }
      if (tokenType === 'client') return judgeClientOnly(call)
      if (tokenType === 'offline') return judgeOffline(call)
      return judgeAnswer(call, await main.post(call.request, deadline, { consumes: !call.keepToken }))
    },

    async issueServerToken({ action, bindingIp, ttl, maxUses, bindUid }) {
      const failed = (error: ValidateError): IssueResult => ({
        ok: false,
        error,
        serverToken: null,
        expiresIn: null,
        issuedAt: null,
      })
      if (typeof action !== 'string' || !action) return failed('invalid_action')
      const body = { action, binding_ip: bindingIp, ttl, max_uses: maxUses, bind_uid: bindUid }
      const { envelope } = await issuer.post(body, AbortSignal.timeout(timeoutMs))
      if (!envelope) return failed('request_failed')
      const data = envelope.data ?? {}
      if (envelope.code !== 0 || typeof data.server_token !== 'string') return failed(errorOf(envelope))
      return {
        ok: true,
        error: null,
        serverToken: data.server_token,
        expiresIn: Number(data.expires_in ?? ttl ?? 300),
        issuedAt: Number(data.issued_at ?? Math.floor(Date.now() / 1000)),
      }
    },

    async moderateText(text, { userId } = {}) {
      if (typeof text !== 'string' || !text.trim()) return moderationFailure('empty_text')
      const body = { text, user_id: userId }
      return moderateWith(textModeration, credentials, body, AbortSignal.timeout(timeoutMs))
    },

    async moderate(input, { userId } = {}) {
      if (!Array.isArray(input) || !input.length) return moderationFailure('empty_input')
      const body = { input, user_id: userId }
      return moderateWith(checkModeration, credentials, body, AbortSignal.timeout(timeoutMs))
    },

    health: () => ({ main: main.health(), backup: backup.health(), issue: issuer.health() }),

    close() {
      for (const each of upstreams) each.close()
    },
  }
}

// The PHP SDK reads a top-level `error` before `data.error` (CONTRACT.md section 5); `msg` is the last resort.
const errorOf = (envelope: Envelope) =>
  toValidateError(envelope.error ?? envelope.data?.error ?? envelope.msg)

// The older answer puts client_ip and risk_score straight in data.
function captchaArgsOf(data: Record<string, unknown>): Record<string, unknown> | null {
  const args = data.captcha_args
  if (args && typeof args === 'object') return args as Record<string, unknown>
  if ('client_ip' in data || 'risk_score' in data)
    return { user_ip: data.client_ip, risk_score: data.risk_score }
  return null
}

async function sha256(token: string) {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(token))
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('')
}

// Gives up on `work` after `ms`. Its signal is aborted then, or as soon as the outcome is known, so that the
// replay guard's store never makes a request wait long and nothing goes on trying for a request answered.
function withTimeout<T>(work: (signal: AbortSignal) => Promise<T>, ms: number): Promise<T> {
  const controller = new AbortController()
  let timer: ReturnType<typeof setTimeout> | undefined
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort()
      reject(new Error(`no answer within ${ms} ms`))
    }, ms)
  })
  return Promise.race([work(controller.signal), expired]).finally(() => {
    clearTimeout(timer)
    controller.abort()
  })
}
