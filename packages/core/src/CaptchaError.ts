import type { CaptchalaErrorArg } from './sdk'

/** Every way the browser side can fail, one closed union. The SDK's own code, when it gave one, is `sdkCode`. */
export type CaptchaErrorCode =
  | 'script_load_failed'
  | 'script_timeout'
  | 'sdk_missing'
  | 'ssr'
  | 'not_mounted'
  | 'challenge_closed'
  | 'token_expired'
  | 'server_token_failed'
  | 'aborted'
  | 'destroyed'
  | 'sdk_error'

export class CaptchaError extends Error {
  declare readonly code: CaptchaErrorCode
  declare readonly sdkCode?: string
  constructor(code: CaptchaErrorCode, message?: string, sdkCode?: string) {
    super(message || code)
    this.name = 'CaptchaError'
    this.code = code
    this.sdkCode = sdkCode
  }
}

/** Reads both forms of the SDK's `onError` argument: `"message (code)"` and `{ message, code }`. */
export function fromSdkError(err: CaptchalaErrorArg): CaptchaError {
  const obj = Object(err) as { message?: unknown; code?: unknown }
  const text = (typeof err === 'string' ? err : String(obj.message ?? '')).trim()
  const [, message = text, parsed] = /^(.*?)\s*\(([\w.-]+)\)$/.exec(text) ?? []
  const code = obj.code ?? parsed
  return new CaptchaError('sdk_error', message, code == null ? code : String(code))
}
