import {
  type Category,
  tokenInfo as infoOfString,
  isOneOf,
  SERVICE_ERROR_CODES,
  TOKEN_CONSUMED_ALIAS,
  type TokenInfo,
  type TokenType,
  UNAVAILABLE_CODES,
  type ValidateError,
} from '@captchala/contract'

export type {
  Category,
  ServerVerdictCode,
  ServiceErrorCode,
  TokenInfo,
  TokenType,
  ValidateError,
} from '@captchala/contract'

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
  /** which of the few causes a refusal has (`token`, `config`, `upstream`, `policy`...); `null` for a pass */
  category: Category | null
  /** what to do about a refusal, for the developer (never for the visitor); `null` for a pass */
  fix: string | null
  /** the token id (the browser's events name the same); `null` when no token came */
  tokenId: string | null
  /** the `requestId` given, else the one made for this call: its record carries it too */
  requestId: string
}

/** What every result of the client says about a failure, beside its code. */
export type FailureDescription = Pick<ValidateResult, 'category' | 'fix' | 'requestId'>

/** Placeholders the client replaces with the call's description once the verdict is known. */
export const UNDESCRIBED: FailureDescription = { category: null, fix: null, requestId: '' }

/** A 4xx: CaptchaLa refused the request itself, whatever it says about the token. */
export const refusedTheRequest = (status: number) => status >= 400 && status < 500

/**
 * The service's code as one of ours: `token_consumed` (the CMS name) is `token_already_used`; a code we do
 * not know, or none, on a 4xx is CaptchaLa refusing the request itself (`request_rejected`).
 */
export function toValidateError(code: unknown, status = 200): ValidateError {
  if (code === TOKEN_CONSUMED_ALIAS) return 'token_already_used'
  if (isOneOf(SERVICE_ERROR_CODES, code)) return code
  return refusedTheRequest(status) ? 'request_rejected' : 'unknown_error'
}

export const tokenTypeOf = (token: string): TokenType => infoOfString(token).type

/** What may be logged of a token: its known prefix, its kind and its length, never the token. */
export const tokenInfo = (token: unknown): TokenInfo | null =>
  typeof token === 'string' && token ? infoOfString(token) : null

/**
 * The HTTP status to answer a result with: 200 when the token is accepted, 503 when CaptchaLa or the replay
 * guard could not be asked (try again later), 403 when the token is refused.
 */
export function statusFor(result: Pick<ValidateResult, 'valid' | 'error'>): 200 | 403 | 503 {
  if (result.valid) return 200
  return result.error !== null && isOneOf(UNAVAILABLE_CODES, result.error) ? 503 : 403
}
