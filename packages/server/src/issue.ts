import { readEnvelope, SERVER_TOKEN_TTL_SECONDS } from '@captchala/contract'
import type { IssueOptions } from './options'
import type { CallTrace, Upstream } from './upstream'
import { type FailureDescription, toValidateError, UNDESCRIBED, type ValidateError } from './ValidateResult'
import { noAnswerError } from './verdicts'

export type IssueResult = FailureDescription &
  (
    | { ok: true; error: null; serverToken: string; expiresIn: number; issuedAt: number }
    | { ok: false; error: ValidateError; serverToken: null; expiresIn: null; issuedAt: null }
  )

/**
 * Asks CaptchaLa for a server token (`sct_`) and reads its answer: the token, its life and when it was made.
 * Refused before any request: no action, as the official SDKs do.
 */
export async function issueWith(
  issuer: Upstream,
  { action, bindingIp, ttl, maxUses, bindUid }: IssueOptions,
  deadline: AbortSignal,
  trace: CallTrace,
  now: () => number,
): Promise<IssueResult> {
  const failed = (error: ValidateError): IssueResult => ({
    ok: false,
    error,
    serverToken: null,
    expiresIn: null,
    issuedAt: null,
    ...UNDESCRIBED,
  })
  if (typeof action !== 'string' || !action) return failed('invalid_action')
  const body = { action, binding_ip: bindingIp, ttl, max_uses: maxUses, bind_uid: bindUid }
  const answer = await issuer.post(body, deadline, { trace })
  const { envelope, status } = answer
  if (!envelope) return failed(noAnswerError(answer))
  const reading = readEnvelope(envelope)
  if (!reading.wentThrough) return failed(toValidateError(reading.errorCode, status))
  const { data } = reading
  if (typeof data.server_token !== 'string') return failed('unknown_error')
  return {
    ok: true,
    error: null,
    serverToken: data.server_token,
    expiresIn: Number(data.expires_in ?? ttl ?? SERVER_TOKEN_TTL_SECONDS),
    issuedAt: Number(data.issued_at ?? Math.floor(now() / 1000)),
    ...UNDESCRIBED,
  }
}
