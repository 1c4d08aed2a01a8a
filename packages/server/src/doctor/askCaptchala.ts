import {
  APP_KEY_HEADER,
  APP_SECRET_HEADER,
  EMULATOR_HEADER,
  type Envelope,
  envelopeOf,
} from '@captchala/contract'
import { MAX_ANSWER_BYTES, readCappedText } from '../answerLimits'
import { isRedirect } from '../redirect'
import type { DoctorSettings } from './settings'

/** One answer as the doctor reads it: whether one came, how fast, from whom, and CaptchaLa's envelope. */
export type Answer =
  | {
      answered: true
      status: number
      latencyMs: number
      /** the answer carried the local emulator's mark */
      emulated: boolean
      /** the answer's `Date` header, for the clock skew */
      date: Date | null
      /** this machine's clock when the answer's headers came: what `date` is compared with */
      receivedAt: number
      /** null when the body is not CaptchaLa's envelope (a proxy's page, an HTML site, too large) */
      envelope: Envelope | null
      contentType: string
      /** a redirect's `Location`, never followed (as the SDK does not follow it); `null` when none came */
      location: string | null
    }
  | { answered: false; latencyMs: number; reason: string }

/** Sends one validation request, as the server SDK does, and reads whatever comes back. */
export async function askCaptchala(url: string, body: object, settings: DoctorSettings): Promise<Answer> {
  const started = performance.now()
  const elapsed = () => Math.round(performance.now() - started)
  try {
    const deadline = AbortSignal.timeout(settings.timeoutMs)
    const response = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        [APP_KEY_HEADER]: settings.appKey,
        [APP_SECRET_HEADER]: settings.appSecret,
      },
      body: JSON.stringify(body),
      redirect: 'manual',
      signal: deadline,
    })
    const receivedAt = Date.now()
    // A redirect's body is never read, as the SDK never reads it; an answer, as much as the SDK reads.
    const redirected = isRedirect(response.status)
    if (redirected) void response.body?.cancel().catch(() => {})
    const { text, cut } = redirected
      ? { text: '', cut: false }
      : await readCappedText(response.body, MAX_ANSWER_BYTES, deadline)
    const date = response.headers.get('date')
    return {
      answered: true,
      status: response.status,
      latencyMs: elapsed(),
      emulated: response.headers.has(EMULATOR_HEADER),
      date: date ? new Date(date) : null,
      receivedAt,
      envelope: cut ? null : envelopeOf(parseJson(text)),
      contentType: response.headers.get('content-type') ?? 'none',
      location: response.headers.get('location'),
    }
  } catch (error) {
    return { answered: false, latencyMs: elapsed(), reason: reasonOf(error, settings.timeoutMs) }
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return null
  }
}

// fetch's "fetch failed" says nothing; its cause (ECONNREFUSED, ENOTFOUND...) says what happened.
export function reasonOf(error: unknown, timeoutMs: number): string {
  if (error instanceof DOMException && error.name === 'TimeoutError')
    return `no answer within ${timeoutMs} ms`
  const cause = (error as { cause?: { code?: unknown; message?: unknown } }).cause
  if (typeof cause?.code === 'string') return cause.code
  return error instanceof Error ? error.message : String(error)
}
