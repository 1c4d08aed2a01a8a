/** Every reason a validation can fail: the contract's codes (CONTRACT.md 2.3) and this SDK's own verdicts. */
export type ValidateError =
  | 'empty_token'
  | 'request_failed'
  | 'unknown_error'
  | 'invalid_token'
  | 'token_already_used'
  | 'token_expired'
  | 'token_action_mismatch'
  | 'token_ip_mismatch'
  | 'token_uid_mismatch'
  | 'binding_mismatch'
  | 'rate_limit_exceeded'
  | 'invalid_action'
  | 'invalid_app_key'
  | 'invalid_app_secret'
  | 'app_disabled'
  | 'challenge_expired'
  | 'challenge_not_found'
  | 'invalid_answer'
  | 'token_not_found'
  /** the site's policy refuses degraded (`dg_`) tokens for this action */
  | 'degraded_rejected'
  /** the site's policy refuses `offline_` tokens for this action */
  | 'offline_rejected'
  /** the site's policy refuses client-only (`client_`/`co_`) tokens for this action */
  | 'client_only_rejected'
  /** a token accepted without the main API's single-use check was presented again */
  | 'token_replayed'
  /**
   * the token claims an outage (`client_`, `co_`, `offline_`) that this server does not see: CaptchaLa
   * answers it, so the token is refused whatever its prefix says
   */
  | 'outage_not_seen'
  /**
   * the replay guard cannot vouch that the token is used once (its store is down, slow, or lost its memory
   * during this outage); nothing is accepted without it
   */
  | 'replay_guard_unavailable'
  /**
   * the validation may have reached CaptchaLa (and spent the token) but its answer was lost: a dropped
   * connection, a gateway's 5xx, a cut answer, the deadline. Not retried, since a retry could only be told
   * `token_already_used`: verify again with a fresh token (503)
   */
  | 'answer_lost'

export type TokenType = 'pass' | 'degraded' | 'offline' | 'client' | 'unknown'

/** What `validate` answers. It never throws for a verdict: a failure is `valid: false` with an `error`. */
export interface ValidateResult {
  /** accept the token */
  valid: boolean
  /** CaptchaLa (main API or backup) answered about this token; `false` for a client-only acceptance */
  verified: boolean
  error: ValidateError | null
  action: string | null
  tokenType: TokenType
  degraded: boolean
  offline: boolean
  clientOnly: boolean
  challengeId: string | null
  /** the solve's context (platform, user_ip, referer, solved_at, risk_score...) as the service gave it */
  captchaArgs: Record<string, unknown> | null
  /** the HTTP status of the service's last answer; null when no request was made or none got through */
  upstreamStatus: number | null
}

const KNOWN = new Set<string>([
  'empty_token',
  'request_failed',
  'invalid_token',
  'token_already_used',
  'token_expired',
  'token_action_mismatch',
  'token_ip_mismatch',
  'token_uid_mismatch',
  'binding_mismatch',
  'rate_limit_exceeded',
  'invalid_action',
  'invalid_app_key',
  'invalid_app_secret',
  'app_disabled',
  'challenge_expired',
  'challenge_not_found',
  'invalid_answer',
  'token_not_found',
])

/** The service's code as one of ours: `token_consumed` (the CMS name) is `token_already_used`. */
export function toValidateError(code: unknown): ValidateError {
  if (code === 'token_consumed') return 'token_already_used'
  return typeof code === 'string' && KNOWN.has(code) ? (code as ValidateError) : 'unknown_error'
}

const TYPES: Record<string, TokenType> = {
  pt_: 'pass',
  dg_: 'degraded',
  offline_: 'offline',
  client_: 'client',
  co_: 'client',
}

export function tokenTypeOf(token: string): TokenType {
  return TYPES[/^[a-z]+_/.exec(token)?.[0] ?? ''] ?? 'unknown'
}

/** What may be logged of a token: its known prefix and its length, never the token. */
export function tokenInfo(token: unknown): { prefix: string; length: number } | null {
  if (typeof token !== 'string' || !token) return null
  const type = tokenTypeOf(token)
  return { prefix: type === 'unknown' ? '' : (/^[a-z]+_/.exec(token)?.[0] ?? ''), length: token.length }
}

/** The errors that are the site's trouble, not the visitor's: CaptchaLa or the replay guard could not be asked. */
const UNAVAILABLE: readonly ValidateError[] = ['request_failed', 'replay_guard_unavailable', 'answer_lost']

/**
 * The HTTP status to answer a result with: 200 when the token is accepted, 503 when CaptchaLa or the replay
 * guard could not be asked (try again later), 403 when the token is refused.
 */
export function statusFor(result: Pick<ValidateResult, 'valid' | 'error'>): 200 | 403 | 503 {
  if (result.valid) return 200
  return result.error !== null && UNAVAILABLE.includes(result.error) ? 503 : 403
}
