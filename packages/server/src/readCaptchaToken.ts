import { TOKEN_FIELD, TOKEN_HEADER } from '@captchala/contract'

/** Where a token can be read from: a Web `Request`, a form's `FormData` or `URLSearchParams`, or a parsed body. */
export type TokenSource = Request | FormData | URLSearchParams | Record<string, unknown> | null | undefined

export interface ReadTokenOptions {
  /** the form or JSON field that carries the token; default `captchala_token` (what the kit's widgets send) */
  field?: string | undefined
  /** for a `Request`: a header that may carry it instead, checked first; default `x-captcha-token` */
  header?: string | undefined
}

export const DEFAULT_TOKEN_FIELD = TOKEN_FIELD
export const DEFAULT_TOKEN_HEADER = TOKEN_HEADER

/**
 * The token a request carries, without taking its body from the app: a `Request`'s body is read from a clone
 * (so the handler can still call `request.json()` or `request.formData()`), and `FormData`, `URLSearchParams`
 * and parsed bodies are only looked into. `undefined` when there is none, or the body cannot be read:
 * `validate` answers that with `empty_token`, without a request to CaptchaLa.
 */
export async function readCaptchaToken(
  source: TokenSource,
  options: ReadTokenOptions = {},
): Promise<unknown> {
  const { field = DEFAULT_TOKEN_FIELD, header = DEFAULT_TOKEN_HEADER } = options
  if (source instanceof Request) return readFromRequest(source, field, header)
  if (source instanceof FormData || source instanceof URLSearchParams) return source.get(field) ?? undefined
  if (source && typeof source === 'object') return Object.hasOwn(source, field) ? source[field] : undefined
  return undefined
}

async function readFromRequest(request: Request, field: string, header: string): Promise<unknown> {
  const fromHeader = request.headers.get(header)
  if (fromHeader) return fromHeader
  const type = request.headers.get('content-type') ?? ''
  try {
    if (type.includes('application/json'))
      return readCaptchaToken((await request.clone().json()) as never, { field })
    if (type.includes('form')) return (await request.clone().formData()).get(field) ?? undefined
  } catch {
    // an unreadable body carries no token
  }
  return undefined
}
