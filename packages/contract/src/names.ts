/**
 * The form field that carries the pass token to the site's backend: the plugins' name (CONTRACT.md section
 * 1; the SDK READMEs' `captcha_token` is the other spelling).
 */
export const TOKEN_FIELD = 'captchala_token'

/** The header that may carry the pass token instead (the SDK READMEs' `X-Captcha-Token`), lower-cased. */
export const TOKEN_HEADER = 'x-captcha-token'

/** The headers every server call authenticates with (CONTRACT.md section 2), lower-cased. */
export const APP_KEY_HEADER = 'x-app-key'
export const APP_SECRET_HEADER = 'x-app-secret'

// The paths of the calls a site's server makes with its secret (CONTRACT.md sections 2 and 4), and where the
// real service lives. One constant each, so that a bundle holds only what its code names.
export const VALIDATE_PATH = '/v1/validate'
/** one demo README's name for the same call */
export const VALIDATE_ALIAS_PATH = '/v1/challenge/verify'
export const ISSUE_PATH = '/v1/server/challenge/issue'
/** one demo page's name for the same call */
export const ISSUE_ALIAS_PATH = '/v1/server-token/issue'
export const MODERATE_TEXT_PATH = '/v1/moderation/text'
export const MODERATE_CONTENT_PATH = '/v1/moderation/check'
/** the backup validation, on its own host */
export const BACKUP_VALIDATE_PATH = '/api/validate'

export const SERVICE_API_URL = 'https://apiv1.captcha.la'
// Written out, not built from BACKUP_VALIDATE_PATH: a template literal is kept by bundlers even where unused.
export const SERVICE_BACKUP_VALIDATE_URL = 'https://fallbackapiv1.captchala.com/api/validate'

/**
 * The emulator's control plane (off with `--no-control-plane`): what a test calls to set the stage. Not
 * CaptchaLa's: only the local emulator answers these.
 */
export const EMULATOR_CONTROL_PREFIX = '/__emulator/'
// Plain strings, not templates of the prefix: a bundler then drops what a bundle does not use (the
// emulator's browser SDK uses none of it).
export const EMULATOR_CONTROL = {
  /** `POST { appKey, action, ttl? }`: a token without a browser; `GET <tokens>/<token>`: what is known of one */
  tokens: '/__emulator/tokens',
  /** `POST` the fault switches (merged), `GET` those in force */
  faults: '/__emulator/faults',
  /** `POST { advanceMs }`: moves the emulator's clock */
  clock: '/__emulator/clock',
  /** `POST`: every switch healthy, tokens and challenges forgotten, the clock back */
  reset: '/__emulator/reset',
} as const

/**
 * The emulator's fault switches when nothing is wrong (and after `reset`), its per-route rules aside: what a
 * test or a page that flipped some puts back.
 */
export const EMULATOR_HEALTHY_SWITCHES = {
  main: 'up',
  backup: 'up',
  scripts: 'up',
  latencyMs: 2000,
  quotaExhausted: false,
  risk: 'app',
  tokenTtl: null,
} as const

/** The CDN hosts of CaptchaLa's scripts and stylesheet, in the order the official wrappers try them. */
export const SDK_HOSTS: readonly string[] = ['https://cdn.captcha-cdn.net', 'https://cdn.captchala.com']

/**
 * Trusted Types: the policy the kit's loader creates once per page when the page enforces them
 * (`trusted-types captchala` in its CSP), and the property of the SDK's script tag that hands the policy to the
 * SDK as it runs (`document.currentScript`), for the worker it starts from a `blob:` URL. Our emulator's SDK
 * takes it; CaptchaLa's own SDK is CaptchaLa's to make ready for Trusted Types.
 */
export const TRUSTED_TYPES_POLICY = 'captchala'
export const TRUSTED_TYPES_HANDOFF = 'captchalaTrustedTypes'
