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

/** The paths of the calls a site's server makes with its secret (CONTRACT.md sections 2 and 4). */
export const API_PATH = {
  validate: '/v1/validate',
  /** one demo README's name for the same call */
  validateAlias: '/v1/challenge/verify',
  issue: '/v1/server/challenge/issue',
  /** one demo page's name for the same call */
  issueAlias: '/v1/server-token/issue',
  moderateText: '/v1/moderation/text',
  moderateContent: '/v1/moderation/check',
  /** the backup validation, on its own host */
  backupValidate: '/api/validate',
} as const

/** Where the real service lives (CONTRACT.md section 2). */
export const SERVICE_URL = {
  api: 'https://apiv1.captcha.la',
  backupValidate: 'https://fallbackapiv1.captchala.com/api/validate',
} as const
