import { readEnvelope, saysPassed } from '@captchala/contract'
import { claimOnce } from './claimOnce'
import type { Policy } from './policy'
import type { ReplayGuard } from './ReplayGuard'
import { answered, type CallTrace, type Upstream, type UpstreamAnswer } from './upstream'
import {
  refusedTheRequest,
  type TokenType,
  toValidateError,
  UNDESCRIBED,
  type ValidateError,
  type ValidateResult,
} from './ValidateResult'

/** One `validate` call: the token, what it is, the rules for its action and the deadlines it has. */
export interface Call {
  token: string
  tokenType: TokenType
  expectedAction: string | undefined
  keepToken: boolean
  rules: Policy
  deadline: AbortSignal
  /** a share of the deadline for asking whether CaptchaLa is out, so that the backup still has time after */
  outageCheckDeadline: () => AbortSignal
  /** the body of `/v1/validate`, for the main API and the backup alike */
  request: object
  /** what the call's requests saw, for its record */
  trace: CallTrace
}

export interface VerdictSettings {
  main: Upstream
  backup: Upstream
  replayGuard: ReplayGuard
  /** how long the guard remembers an accepted `dg_` */
  replayTtlMs: number
  /** how long it remembers an accepted client-only token */
  clientOnlyReplayTtlMs: number
  /** the guard's budget */
  guardTimeoutMs: number
  now: () => number
}

/**
 * Why a call got no envelope: the URL redirected it elsewhere; its answer may have been lost after CaptchaLa
 * acted on it; a 4xx that is not an envelope refused the request itself; anything else (silence, a 5xx, a
 * page) is CaptchaLa unreachable.
 */
export function noAnswerError({ redirected, lost, status }: UpstreamAnswer): ValidateError {
  if (redirected) return 'upstream_redirected'
  if (lost) return 'answer_lost'
  return refusedTheRequest(status) ? 'request_rejected' : 'request_failed'
}

/** A result with everything a refusal leaves empty; `patch` says what this one knows. */
export const resultFor = (tokenType: TokenType, patch: Partial<ValidateResult>): ValidateResult => ({
  valid: false,
  verified: false,
  error: null,
  action: null,
  tokenType,
  degraded: tokenType === 'degraded',
  offline: tokenType === 'offline',
  clientOnly: tokenType === 'client',
  challengeId: null,
  captchaArgs: null,
  upstreamStatus: null,
  ...UNDESCRIBED,
  tokenId: null,
  ...patch,
})

/**
 * The verdict engine: what a token is worth, from CaptchaLa's answer about it and from what this server sees
 * of CaptchaLa. A token whose prefix claims an outage (`client_`/`co_`, `offline_`) is judged by the outage
 * this server sees, never by its prefix; what CaptchaLa did not make single-use goes through the replay guard.
 */
export function createVerdicts({ main, backup, replayGuard, now, ...settings }: VerdictSettings) {
  const result = (call: Call, patch: Partial<ValidateResult>) => resultFor(call.tokenType, patch)

  // CaptchaLa's answer about the token, from the main API or the backup, as a result.
  async function judgeAnswer(call: Call, answer: UpstreamAnswer): Promise<ValidateResult> {
    const { envelope, status } = answer
    const upstreamStatus = status || null
    if (!envelope) return result(call, { error: noAnswerError(answer), upstreamStatus })
    const reading = readEnvelope(envelope)
    if (!reading.wentThrough) {
      return result(call, {
        verified: true,
        error: toValidateError(reading.errorCode, status),
        upstreamStatus,
      })
    }
    const { data } = reading
    const action = typeof data.action === 'string' ? data.action : null
    const context: Partial<ValidateResult> = {
      verified: true,
      upstreamStatus,
      action,
      challengeId: typeof data.challenge_id === 'string' ? data.challenge_id : null,
      captchaArgs: captchaArgsOf(data),
    }
    const degraded = data.degraded === true
    if (!degraded && !saysPassed(data)) {
      return result(call, { ...context, error: toValidateError(data.error) })
    }
    // The caller's check the contract asks for: a token made for another action is refused.
    if (call.expectedAction !== undefined && action !== call.expectedAction) {
      return result(call, { ...context, error: 'token_action_mismatch' })
    }
    if (!degraded) return result(call, { ...context, valid: true })
    if (!call.rules.degraded) return result(call, { ...context, degraded, error: 'degraded_rejected' })
    return acceptOnce(call, { ...context, degraded }, settings.replayTtlMs)
  }

  // Since when every one of these URLs has failed from here, or `null` as soon as one answers (a redirect is
  // an answer: the URL is up, only misconfigured). Each is asked about this very token (kept, not consumed),
  // unless its breaker is open: then the answer is at once.
  async function outageSince(call: Call, urls: Upstream[]): Promise<number | null> {
    const deadline = call.outageCheckDeadline()
    for (const url of urls) {
      const check = { pass_token: call.token, keep_token: true }
      if (answered(await url.post(check, deadline, { trace: call.trace }))) return null
    }
    return Math.max(...urls.map((url) => url.health().failingSince ?? now()))
  }

  // `offline_`: an outage claim. Checked against what this server sees of the main API, then always
  // validated at the backup, which makes it single-use.
  async function judgeOffline(call: Call): Promise<ValidateResult> {
    if (!call.rules.offline) return result(call, { error: 'offline_rejected' })
    if (!call.rules.offlineWhileMainUp && (await outageSince(call, [main])) === null) {
      return result(call, { verified: true, error: 'outage_not_seen' })
    }
    return judgeAnswer(call, await backup.post(call.request, call.deadline, consumption(call)))
  }

  // `client_` / `co_`: nobody can verify it, so it is taken only during an outage this server sees of both
  // URLs, and once, remembered by the replay guard for the whole outage.
  async function judgeClientOnly(call: Call): Promise<ValidateResult> {
    if (!call.rules.clientOnly) return result(call, { error: 'client_only_rejected' })
    const since = await outageSince(call, [main, backup])
    if (since === null) return result(call, { verified: true, error: 'outage_not_seen' })
    return acceptOnce(call, { action: call.expectedAction ?? null }, settings.clientOnlyReplayTtlMs, since)
  }

  // Accepts a token CaptchaLa did not make single-use, through the replay guard; never without it.
  async function acceptOnce(
    call: Call,
    patch: Partial<ValidateResult>,
    ttlMs: number,
    rememberedBefore?: number,
  ): Promise<ValidateResult> {
    if (call.keepToken) return result(call, { ...patch, valid: true })
    const timeoutMs = settings.guardTimeoutMs
    const outcome = await claimOnce(replayGuard, call.token, { ttlMs, rememberedBefore, timeoutMs })
    if (outcome === 'first') return result(call, { ...patch, valid: true })
    if (outcome === 'replayed') return result(call, { ...patch, error: 'token_replayed' })
    return result(call, { ...patch, error: 'replay_guard_unavailable' })
  }

  /** The verdict on one call. */
  return async function judge(call: Call): Promise<ValidateResult> {
    if (call.tokenType === 'client') return judgeClientOnly(call)
    if (call.tokenType === 'offline') return judgeOffline(call)
    return judgeAnswer(call, await main.post(call.request, call.deadline, consumption(call)))
  }
}

// A validation consumes its token unless it keeps it: never sent twice once it may have arrived.
const consumption = (call: Call) => ({ consumes: !call.keepToken, trace: call.trace })

// The older answer puts client_ip and risk_score straight in data.
function captchaArgsOf(data: Record<string, unknown>): Record<string, unknown> | null {
  const args = data.captcha_args
  if (args && typeof args === 'object') return args as Record<string, unknown>
  if ('client_ip' in data || 'risk_score' in data)
    return { user_ip: data.client_ip, risk_score: data.risk_score }
  return null
}
