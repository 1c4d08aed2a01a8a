// Every error code of the vocabulary, as `as const` lists whose types follow from them. A code is written
// here once; everything else imports it.

/** What CaptchaLa's validation answers (CONTRACT.md section 2.3), `token_consumed` aside (an alias). */
export const SERVICE_ERROR_CODES = [
  'empty_token',
  'request_failed',
  'unknown_error',
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
] as const
export type ServiceErrorCode = (typeof SERVICE_ERROR_CODES)[number]

/** The CMS error map's name for `token_already_used`. */
export const TOKEN_CONSUMED_ALIAS = 'token_consumed'

/** The reason `/v1/validate` gives with `degraded: true` (CONTRACT.md section 2.1). */
export const QUOTA_EXHAUSTED = 'quota_exhausted'

/** The server SDK's own verdicts, beyond what CaptchaLa answers (the server README explains each). */
export const SERVER_VERDICT_CODES = [
  'degraded_rejected',
  'offline_rejected',
  'client_only_rejected',
  'token_replayed',
  'outage_not_seen',
  'replay_guard_unavailable',
  'answer_lost',
  'request_rejected',
  'upstream_redirected',
] as const
export type ServerVerdictCode = (typeof SERVER_VERDICT_CODES)[number]

/** Every reason a validation can fail. */
export type ValidateError = ServiceErrorCode | ServerVerdictCode

/** The codes that mean the site could not ask (CaptchaLa or the replay guard), not that the visitor failed. */
export const UNAVAILABLE_CODES = [
  'request_failed',
  'replay_guard_unavailable',
  'answer_lost',
  'request_rejected',
  'upstream_redirected',
] as const satisfies readonly ValidateError[]

/** What the moderation calls refuse before asking anything. */
export const MODERATION_INPUT_CODES = ['empty_text', 'empty_input'] as const
export type ModerationInputCode = (typeof MODERATION_INPUT_CODES)[number]

/**
 * The browser SDK's codes that mean "get a new `sct_` and init again" (CONTRACT.md section 1): not the
 * visitor's failure.
 */
export const REINIT_SDK_CODES = [
  'server_token_required',
  'server_token_invalid',
  'server_token_exhausted',
  'server_token_app_mismatch',
  'server_token_binding_mismatch',
  'server_token_expired',
  'token_expired',
  'challenge_expired',
  'session_expired',
] as const
export type ReinitSdkCode = (typeof REINIT_SDK_CODES)[number]

/** What a challenge itself can end in, besides the re-init codes: the risk tier refused, or a wrong answer. */
export const CHALLENGE_ERROR_CODES = [
  'risk_rejected',
  'challenge_failed',
  'invalid_answer',
  'challenge_not_found',
  'invalid_action',
  'invalid_app_key',
  'app_disabled',
  'rate_limit_exceeded',
  'unknown_error',
] as const
export type ChallengeErrorCode = (typeof CHALLENGE_ERROR_CODES)[number]

/** The backup's bypass worker refuses while the main API answers: no `offline_` token is needed then. */
export const MAIN_API_AVAILABLE = 'main_api_available'

/** Every way the browser side (core's `CaptchaError`) can fail. */
export const BROWSER_ERROR_CODES = [
  'missing_app_key',
  'script_load_failed',
  'script_timeout',
  'script_blocked',
  'sdk_missing',
  'ssr',
  'not_mounted',
  'challenge_closed',
  'challenge_timeout',
  'token_expired',
  'server_token_failed',
  'aborted',
  'destroyed',
  'sdk_error',
] as const
export type BrowserErrorCode = (typeof BROWSER_ERROR_CODES)[number]

/** Whether `code` is one of `codes`, narrowing it. */
export const isOneOf = <Code extends string>(codes: readonly Code[], code: unknown): code is Code =>
  (codes as readonly unknown[]).includes(code)
