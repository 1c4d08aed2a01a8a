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

/** The codes the browser side can meet: its own, and what the SDK's challenge and init can end in. */
type BrowserSideCode = BrowserErrorCode | ReinitSdkCode | ChallengeErrorCode
type ByCategory<Code extends string> = { [C in Category]?: readonly Code[] }

// Each code once, under its category, in two tables: what the browser can meet, and what only a server's
// verdict holds. The browser bundle carries the first alone; a verdict carries its `category` with it, which
// is what `visitorMessage` reads first. A code that both sides report (`token_expired`, `invalid_app_key`)
// means the same thing on both, so it has one category, in the browser's table.
const BROWSER_CODES_BY_CATEGORY: ByCategory<BrowserSideCode> = {
  // expired, or a server token the SDK could not use
  token: [
    'token_expired',
    'challenge_expired',
    'challenge_not_found',
    'session_expired',
    'server_token_required',
    'server_token_invalid',
    'server_token_exhausted',
    'server_token_binding_mismatch',
    'server_token_expired',
  ],
  // another environment's key, the app disabled, the kit misused
  config: [
    'missing_app_key',
    'invalid_app_key',
    'app_disabled',
    'server_token_app_mismatch',
    'server_token_failed',
    'invalid_action',
    'ssr',
    'not_mounted',
  ],
  // the script or the widget did not load or never answered: network, CSP, ad blocker, timeout
  loading: ['script_load_failed', 'script_timeout', 'script_blocked', 'sdk_missing', 'challenge_timeout'],
  upstream: ['unknown_error'],
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
}

const SERVER_CODES_BY_CATEGORY: ByCategory<Exclude<FailureCode, BrowserSideCode>> = {
  // missing, malformed, already used, issued for another action or visitor
  token: [
    'empty_token',
    'invalid_token',
    'token_already_used',
    'token_replayed',
    'token_action_mismatch',
    'token_ip_mismatch',
    'token_uid_mismatch',
    'binding_mismatch',
    'token_not_found',
  ],
  // the key and secret are not a pair, a URL that moved
  config: ['invalid_app_secret', 'upstream_redirected'],
  // CaptchaLa refused the form of the request itself
  request: ['request_rejected', 'empty_text', 'empty_input'],
  // CaptchaLa (or the replay guard) could not be asked, as this server sees it
  upstream: ['request_failed', 'answer_lost', 'replay_guard_unavailable'],
  // the site's own policy refused a token CaptchaLa did not refuse
  policy: ['degraded_rejected', 'offline_rejected', 'client_only_rejected', 'outage_not_seen'],
}

// A plain search, with no table built at load: a bundle that never calls `categoryOf` drops the server's table.
const categoryIn = (table: ByCategory<string>, code: unknown): Category | undefined =>
  CATEGORIES.find((category) => table[category]?.includes(code as string))

/** The category of a code the browser can meet; `undefined` for any other (a server's verdict says its own). */
export const browserCategoryOf = (code: unknown) => categoryIn(BROWSER_CODES_BY_CATEGORY, code)

/** The category of any code of the vocabulary, the browser's and the server's; `undefined` for one it does not know. */
export const categoryOf = (code: unknown) =>
  browserCategoryOf(code) ?? categoryIn(SERVER_CODES_BY_CATEGORY, code)
