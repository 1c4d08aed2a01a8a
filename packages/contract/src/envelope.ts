/**
 * Every answer of CaptchaLa's API is an envelope `{ code, msg, data }` (CONTRACT.md section 2): `code` 0 means
 * the call itself went through; the verdict is in `data`. Some errors put `error` at the top.
 */
export interface Envelope<Data = Record<string, unknown>> {
  code: number
  msg?: unknown
  error?: unknown
  data?: Data | null
}

/** The envelope in a parsed body, or `null` when the body is not one (a proxy's page, a cut answer). */
export function envelopeOf(body: unknown): Envelope | null {
  return typeof body === 'object' && body !== null && typeof (body as Envelope).code === 'number'
    ? (body as Envelope)
    : null
}

/**
 * The code of an envelope's error, as CaptchaLa's own SDKs find it: the PHP SDK reads a top-level `error`
 * before `data.error` (CONTRACT.md section 5); `msg` is the last resort.
 */
export const errorCodeOf = (envelope: Envelope<{ error?: unknown }>): unknown =>
  envelope.error ?? envelope.data?.error ?? envelope.msg

/** A call that went through. */
export const okEnvelope = <Data>(data: Data) => ({ code: 0, msg: 'ok', data })

/**
 * A call refused with a string code, in `msg` and `data.error` as CaptchaLa does. The numeric `code` is
 * unpublished upstream (CONTRACT.md section 2.3), so 1 stands for all.
 */
export const failureEnvelope = (error: string, msg: string = error) => ({ code: 1, msg, data: { error } })

/** What an envelope says: its data when the call went through (`code` 0), else the code of its error. */
export type EnvelopeReading =
  | { wentThrough: true; data: Record<string, unknown> }
  | { wentThrough: false; errorCode: unknown }

/** A validation's data says the token passed: `valid: true`, or `ok: true` as some answers put it. */
export const saysPassed = (data: Record<string, unknown>) => data.valid === true || data.ok === true

/** The one reading of an envelope every caller shares. */
export const readEnvelope = (envelope: Envelope): EnvelopeReading =>
  envelope.code === 0
    ? { wentThrough: true, data: envelope.data ?? {} }
    : { wentThrough: false, errorCode: errorCodeOf(envelope) }
