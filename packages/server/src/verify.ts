import type { CaptchalaClient, ValidateOptions } from './createClient'
import type { ValidateResult } from './ValidateResult'

export interface VerifyOptions extends ValidateOptions {
  /** the form or JSON field that carries the token; default `captchala_token` */
  field?: string | undefined
  /** a header that may carry it instead; default `x-captcha-token` */
  header?: string | undefined
}

/**
 * Reads the token from a Web `Request` (a header, a form field or a JSON field) and validates it. For any
 * runtime with the Fetch API; the request's body is read from a clone, so the handler can still read it.
 */
export async function verify(
  client: CaptchalaClient,
  request: Request,
  options: VerifyOptions = {},
): Promise<ValidateResult> {
  const { field = 'captchala_token', header = 'x-captcha-token', ...validate } = options
  return client.validate(await readToken(request, field, header), validate)
}

async function readToken(request: Request, field: string, header: string): Promise<unknown> {
  const fromHeader = request.headers.get(header)
  if (fromHeader) return fromHeader
  const type = request.headers.get('content-type') ?? ''
  try {
    if (type.includes('application/json'))
      return ((await request.clone().json()) as Record<string, unknown>)?.[field]
    if (type.includes('form')) return (await request.clone().formData()).get(field)
  } catch {
    // an unreadable body carries no token
  }
  return undefined
}
