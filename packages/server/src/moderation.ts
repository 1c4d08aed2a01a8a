import { isOneOf, MODERATION_INPUT_CODES, type ModerationInputCode, readEnvelope } from '@captchala/contract'
import type { RecordListener } from './CaptchalaRecord'
import type { CallTrace, Upstream } from './upstream'
import { type FailureDescription, toValidateError, UNDESCRIBED, type ValidateError } from './ValidateResult'
import { noAnswerError } from './verdicts'

/** One item of `moderate`: a text, or an image by its URL. */
export type ModerationInput =
  | { type: 'text'; text: string }
  | { type: 'image_url'; image_url: { url: string } }

export interface ModerationOptions {
  /** the end user the content comes from, for the service's per-user view */
  userId?: string | undefined
  /** your request's id, for the call's record and result; default one made for the call */
  requestId?: string | undefined
  /** this call's record, besides the client's `onRecord` */
  onRecord?: RecordListener | undefined
}

/** What `moderateText` / `moderate` answer. They never throw: a failure is `ok: false` with an `error`. */
export interface ModerationResult extends FailureDescription {
  /** CaptchaLa judged the content (`flagged` and `categories` are its verdict) */
  ok: boolean
  flagged: boolean
  /** category name -> flagged (`hate`, `violence`, ...; the service names them) */
  categories: Record<string, boolean>
  contentType: 'text' | 'image' | 'mixed' | null
  /** `empty_text` / `empty_input` (no request made), `request_failed`, or the service's code */
  error: ModerationError | null
}

export type ModerationError = ValidateError | ModerationInputCode

/** A moderation that judged nothing: refused before a request, or without CaptchaLa's verdict. */
export const moderationFailure = (error: ModerationError): ModerationResult => ({
  ok: false,
  flagged: false,
  categories: {},
  contentType: null,
  error,
  ...UNDESCRIBED,
})

/**
 * Sends one moderation call: credentials in the headers (by the upstream) and in the body, as the official
 * SDKs do, and reads the verdict. Refused before any request: an empty text or input, as they do too.
 */
export async function moderateWith(
  upstream: Upstream,
  credentials: { app_key: string; app_secret: string },
  body: object,
  deadline: AbortSignal,
  trace: CallTrace,
): Promise<ModerationResult> {
  const answer = await upstream.post({ ...credentials, ...body }, deadline, { trace })
  const { envelope, status } = answer
  if (!envelope) return moderationFailure(noAnswerError(answer))
  const reading = readEnvelope(envelope)
  if (!reading.wentThrough) {
    const code = reading.errorCode
    return moderationFailure(isOneOf(MODERATION_INPUT_CODES, code) ? code : toValidateError(code, status))
  }
  const { data } = reading
  const categories = Object.fromEntries(
    Object.entries((data.categories as Record<string, unknown> | undefined) ?? {}).map(([name, hit]) => [
      name,
      hit === true,
    ]),
  )
  const contentType = ['text', 'image', 'mixed'].includes(String(data.content_type))
    ? (data.content_type as ModerationResult['contentType'])
    : null
  return { ok: true, flagged: data.flagged === true, categories, contentType, error: null, ...UNDESCRIBED }
}
