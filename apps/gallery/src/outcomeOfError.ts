import type { CaptchaError } from '@captchala/core'
import type { Outcome } from './submitForm'

/** A person's message for a failure before anything reached the backend; the code stays for engineers. */
export function outcomeOfError(error: CaptchaError): Outcome {
  const code = error.sdkCode ?? error.code
  const message =
    code === 'risk_rejected'
      ? 'We could not verify this request, so it was blocked. Try again later or from another network.'
      : error.code === 'challenge_closed'
        ? 'The verification was closed. Send the form again to retry.'
        : /^script_|^sdk_missing$/.test(error.code)
          ? 'The verification could not load. Check your connection and try again.'
          : 'The verification failed. Please try again.'
  return { kind: 'error', message, code, category: error.category }
}
