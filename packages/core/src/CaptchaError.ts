import {
  BROWSER_FIXES,
  type BrowserErrorCode,
  browserCategoryOf,
  type CaptchalaErrorArg,
  type Category,
  SDK_CODE_FIXES,
} from '@captchala/contract'

/** Every way the browser side can fail, one closed union. The SDK's own code, when it gave one, is `sdkCode`. */
export type CaptchaErrorCode = BrowserErrorCode

// Replaced by bundlers and by this package's two builds (tsup.config.ts): the developer's prose is in
// development builds only.
declare const process: { env: { NODE_ENV?: string } }

/** A production build's message: the code, and where the README explains it and its fix. */
const explained = (code: string) => `CaptchaLa ${code}: see "CaptchaError" in the @captchala/core README`

export interface CaptchaErrorDetails {
  /** replaces the standard message (the SDK's own words, for `sdk_error`) */
  message?: string | undefined
  /** what the standard message is about, appended to it (a script URL, say) */
  detail?: string | undefined
  sdkCode?: string | undefined
  cause?: unknown
}

// The fields are declared, not class fields with initialisers: the constructor sets each one, and a build
// then carries no field definitions.
export class CaptchaError extends Error {
  declare readonly code: CaptchaErrorCode
  declare readonly sdkCode: string | undefined
  /**
   * which of the few causes of a failed verification this is (`loading`, `config`, `token`, `visitor`...):
   * where to look. The SDK's own code decides it when the SDK named one.
   */
  declare readonly category: Category

  constructor(code: CaptchaErrorCode, { message, detail, sdkCode, cause }: CaptchaErrorDetails = {}) {
    const fix = process.env.NODE_ENV !== 'production' ? BROWSER_FIXES[code] : explained(code)
    const standard = detail ? `${fix} (${detail})` : fix
    super(message || standard, cause === undefined ? undefined : { cause })
    this.name = 'CaptchaError'
    this.code = code
    this.sdkCode = sdkCode
    this.category = browserCategoryOf(sdkCode) ?? browserCategoryOf(code)!
  }
}

/** Any thrown value as a `CaptchaError`: itself when it already is one, else `code` wrapping it as `cause`. */
export function toCaptchaError(error: unknown, code: CaptchaErrorCode): CaptchaError {
  return error instanceof CaptchaError ? error : new CaptchaError(code, { cause: error })
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
  const ours = process.env.NODE_ENV !== 'production' ? SDK_CODE_FIXES[sdkCode ?? ''] : undefined
  const readable = saysMore ? message : ours
  return new CaptchaError('sdk_error', { message: readable, sdkCode })
}
