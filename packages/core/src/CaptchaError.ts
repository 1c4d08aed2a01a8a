import { type BrowserErrorCode, type CaptchalaErrorArg, type Category, categoryOf } from '@captchala/contract'

/** Every way the browser side can fail, one closed union. The SDK's own code, when it gave one, is `sdkCode`. */
export type CaptchaErrorCode = BrowserErrorCode

// What went wrong and what to do about it, in words a developer (or, for the challenge codes, a visitor) can
// act on. `sdk_error` usually carries the SDK's own message instead.
const MESSAGES: Record<CaptchaErrorCode, string> = {
  missing_app_key: 'No app key: pass your public CaptchaLa key as `appKey`.',
  script_load_failed: 'The CaptchaLa script failed to load: check the network, ad blockers and `loader.src`.',
  script_timeout: 'The CaptchaLa script took too long: check the network, or raise `loader.timeoutMs`.',
  script_blocked:
    'A Content-Security-Policy blocked the CaptchaLa script: allow its host in script-src, or set `loader.nonce`.',
  sdk_missing: 'The script at `loader.src` did not define the CaptchaLa SDK.',
  ssr: 'CaptchaLa runs in the browser only, not during server rendering.',
  not_mounted: 'Render the captcha before asking it for a token.',
  challenge_closed: 'Verification closed before it finished. Try again.',
  challenge_timeout: 'Verification took too long. Try again.',
  token_expired: 'Verification expired. Try again.',
  server_token_failed: 'The `serverToken` function failed or gave nothing: check your backend.',
  aborted: 'Verification cancelled.',
  destroyed: 'The captcha left the page before verification finished.',
  sdk_error: 'Verification failed. Try again.',
}

export interface CaptchaErrorDetails {
  /** replaces the standard message (the SDK's own words, for `sdk_error`) */
  message?: string | undefined
  /** what the standard message is about, appended to it (a script URL, say) */
  detail?: string | undefined
  sdkCode?: string | undefined
  cause?: unknown
}

export class CaptchaError extends Error {
  readonly code: CaptchaErrorCode
  readonly sdkCode: string | undefined
  /**
   * which of the few causes of a failed verification this is (`loading`, `config`, `token`, `visitor`...):
   * where to look. The SDK's own code decides it when the SDK named one.
   */
  readonly category: Category

  constructor(code: CaptchaErrorCode, { message, detail, sdkCode, cause }: CaptchaErrorDetails = {}) {
    const standard = detail ? `${MESSAGES[code]} (${detail})` : MESSAGES[code]
    super(message || standard, cause === undefined ? undefined : { cause })
    this.name = 'CaptchaError'
    this.code = code
    this.sdkCode = sdkCode
    this.category = categoryOf(sdkCode) ?? categoryOf(code)!
  }
}

/** Any thrown value as a `CaptchaError`: itself when it already is one, else `code` wrapping it as `cause`. */
export function toCaptchaError(error: unknown, code: CaptchaErrorCode): CaptchaError {
  return error instanceof CaptchaError ? error : new CaptchaError(code, { cause: error })
}

// For SDK refusals that arrive as a bare code: what the code means and what to do.
const SDK_CODE_MESSAGES: Partial<Record<string, string>> = {
  invalid_app_key: 'CaptchaLa does not know this app key: check `appKey` (the public key, never the secret).',
  app_disabled: 'This CaptchaLa app is disabled: enable it in the CaptchaLa console.',
  rate_limit_exceeded: 'Too many attempts. Wait a moment and try again.',
}

// `"Human message (code)"`, the string form of the SDK's errors.
const MESSAGE_WITH_CODE = /^(.*?)\s*\(([\w.-]+)\)$/

/** Reads both forms of the SDK's `onError` argument: `"message (code)"` and `{ message, code }`. */
export function fromSdkError(err: CaptchalaErrorArg): CaptchaError {
  const fields = Object(err) as { message?: unknown; code?: unknown }
  const text = (typeof err === 'string' ? err : String(fields.message ?? '')).trim()
  const [, message = text, parsedCode] = MESSAGE_WITH_CODE.exec(text) ?? []
  const rawCode = fields.code ?? parsedCode
  const sdkCode = rawCode == null ? undefined : String(rawCode)
  // The SDK's own words where it gave some; where it gave only its code, ours (or the standard message).
  const saysMore = message !== '' && message !== sdkCode
  const readable = saysMore ? message : SDK_CODE_MESSAGES[sdkCode ?? '']
  return new CaptchaError('sdk_error', { message: readable, sdkCode })
}
