import type { CaptchalaClient } from './createClient'
import type { ValidateOptions } from './options'
import { type ReadTokenOptions, readCaptchaToken, type TokenSource } from './readCaptchaToken'
import type { ValidateResult } from './ValidateResult'

export interface VerifyOptions extends ValidateOptions, ReadTokenOptions {}

/**
 * Reads the token (see `readCaptchaToken`: a header, a form field or a JSON field) and validates it. For any
 * runtime with the Fetch API: a Route Handler's `Request` (read from a clone, so the handler can still read
 * the body), a Server Action's `FormData`, or a body your framework already parsed.
 */
export async function verify(
  client: CaptchalaClient,
  source: TokenSource,
  options: VerifyOptions = {},
): Promise<ValidateResult> {
  const { field, header, ...validate } = options
  return client.validate(await readCaptchaToken(source, { field, header }), validate)
}
