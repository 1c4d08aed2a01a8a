import type { Attributes } from '@opentelemetry/api'
import type { CaptchalaRecord } from '../CaptchalaRecord'

/** The span a record becomes: `captchala validate`, `captchala issue`... */
export const spanNameOf = (record: CaptchalaRecord) => `captchala ${record.call}`

/** When the call started and ended, in epoch milliseconds, from the record's own timing. */
export function timingOf(record: CaptchalaRecord) {
  const start = Date.parse(record.timestamp)
  return { start, end: start + record.latencyMs }
}

/**
 * A record's span attributes: the `captchala.*` namespace, and the OTel HTTP client conventions that apply.
 * Never the token (its id and type only), the secret or the client IP (the record never holds the first two,
 * and its `clientIp` is left out).
 */
export function spanAttributesOf(record: CaptchalaRecord): Attributes {
  const attributes: Attributes = {
    'captchala.call': record.call,
    'captchala.result': record.result,
    'captchala.attempts': record.attempts,
    'captchala.request_id': record.requestId,
    'captchala.app_key': record.appKey,
  }
  const optional: Attributes = {
    'captchala.code': record.code,
    'captchala.category': record.category,
    'captchala.token.id': record.token?.id,
    'captchala.token.type': record.token?.type,
    'captchala.action': record.action,
    'captchala.expected_action': record.expectedAction,
    'captchala.upstream': record.upstream,
    'captchala.answered_by': record.answeredBy,
    'captchala.environment': record.environment,
    'server.address': record.serverAddress,
    'http.response.status_code': record.upstreamStatus,
    // OTel's convention for a failed client call: the error's type, here CaptchaLa's code
    'error.type': record.result === 'unavailable' ? record.code : null,
  }
  for (const [name, value] of Object.entries(optional))
    if (value !== null && value !== undefined) attributes[name] = value
  return attributes
}

/**
 * ERROR only where CaptchaLa could not be asked (`unavailable`): a refused bot is the SDK working, and a
 * span marked as an error for it would page someone for nothing.
 */
export const isFailure = (record: CaptchalaRecord) => record.result === 'unavailable'
