/** CaptchaLa's answer: `{ code, msg, data }` (CONTRACT.md section 2); some errors put `error` at the top. */
export interface Envelope {
  code: number
  msg?: unknown
  error?: unknown
  data?: Record<string, unknown> | null
}

/** The envelope in a response, or `null` when the body is not one (not JSON, cut, empty, a proxy's page). */
export async function readEnvelope(response: Response): Promise<Envelope | null> {
  try {
    const envelope = (await response.json()) as Envelope
    return envelope && typeof envelope === 'object' && typeof envelope.code === 'number' ? envelope : null
  } catch {
    return null
  }
}

/**
 * The code of an envelope's error, as CaptchaLa's own SDKs find it: the PHP SDK reads a top-level `error`
 * before `data.error` (CONTRACT.md section 5); `msg` is the last resort.
 */
export const errorCodeOf = (envelope: Envelope): unknown =>
  envelope.error ?? envelope.data?.error ?? envelope.msg
