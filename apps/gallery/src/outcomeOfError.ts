import { type CaptchaError, visitorMessage } from '@captchala/core'
import type { Outcome } from './submitForm'

/**
 * A failure before anything reached the backend: the visitor's words for its cause, in their language; the
 * code and the cause stay for engineers.
 */
export function outcomeOfError(error: CaptchaError, lang: string): Outcome {
  const code = error.sdkCode ?? error.code
  return { kind: 'error', message: visitorMessage(error, lang), code, category: error.category }
}
