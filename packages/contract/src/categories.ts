import type {
  BrowserErrorCode,
  ChallengeErrorCode,
  ModerationInputCode,
  ReinitSdkCode,
  ValidateError,
} from './errorCodes'

/**
 * Why verification failed, in the few causes it almost always has (the reference article's four, with the
 * outage, the visitor and the site's own policy told apart). The fine `code` says exactly what happened;
 * the category says where to look.
 */
export const CATEGORIES = ['token', 'config', 'loading', 'request', 'upstream', 'visitor', 'policy'] as const
export type Category = (typeof CATEGORIES)[number]

/** Every code the browser or the server can report. */
export type FailureCode =
  | BrowserErrorCode
  | ReinitSdkCode
  | ChallengeErrorCode
  | ValidateError
  | ModerationInputCode

// Each code once, under its category. A code that both sides report (`token_expired`, `invalid_app_key`)
// means the same thing on both, so it has one category.
const CODES_BY_CATEGORY: { [C in Category]: readonly FailureCode[] } = {
  // missing, malformed, expired, already used, issued for another action
  token: [
    'empty_token',
    'invalid_token',
    'token_expired',
    'token_already_used',
    'token_replayed',
    'token_action_mismatch',
    'token_ip_mismatch',
    'token_uid_mismatch',
    'binding_mismatch',
    'token_not_found',
    'challenge_expired',
    'challenge_not_found',
    'session_expired',
    'server_token_required',
    'server_token_invalid',
    'server_token_exhausted',
    'server_token_binding_mismatch',
    'server_token_expired',
  ],
  // the key and secret are not a pair, another environment's key, the app disabled, a URL that moved, the kit
  // misused
  config: [
    'missing_app_key',
    'invalid_app_key',
    'invalid_app_secret',
    'app_disabled',
    'server_token_app_mismatch',
    'server_token_failed',
    'invalid_action',
    'upstream_redirected',
    'ssr',
    'not_mounted',
  ],
  // the script or the widget did not load or never answered: network, CSP, ad blocker, timeout
  loading: ['script_load_failed', 'script_timeout', 'script_blocked', 'sdk_missing', 'challenge_timeout'],
  // CaptchaLa refused the form of the request itself
  request: ['request_rejected', 'empty_text', 'empty_input'],
  // CaptchaLa (or the replay guard) could not be asked, as this server sees it
  upstream: ['request_failed', 'answer_lost', 'replay_guard_unavailable', 'unknown_error'],
  // the visitor closed, failed or left the challenge, or was judged too risky
  visitor: [
    'challenge_closed',
    'challenge_failed',
    'invalid_answer',
    'risk_rejected',
    'rate_limit_exceeded',
    'aborted',
    'destroyed',
    'sdk_error',
  ],
  // the site's own policy refused a token CaptchaLa did not refuse
  policy: ['degraded_rejected', 'offline_rejected', 'client_only_rejected', 'outage_not_seen'],
}

const CATEGORY_OF_CODE = new Map<string, Category>(
  CATEGORIES.flatMap((category) => CODES_BY_CATEGORY[category].map((code) => [code, category] as const)),
)

/** The category of a code; `null` for a code the vocabulary does not know. */
export const categoryOf = (code: unknown): Category | null =>
  (typeof code === 'string' && CATEGORY_OF_CODE.get(code)) || null
