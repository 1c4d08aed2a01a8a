import type { ValidateError } from '@captchala/server'

/** What a person is told; the code beside it is for the app and the logs. */
export const MESSAGES: Partial<
  Record<ValidateError | 'invalid_request' | 'rate_limit_exceeded' | 'not_found', string>
> = {
  empty_token: 'Please complete the verification first.',
  invalid_token: 'The verification could not be confirmed. Please verify again.',
  token_already_used: 'This verification was already used. Please verify again.',
  token_expired: 'The verification expired. Please verify again.',
  token_action_mismatch: 'This verification was made for another form. Please verify again.',
  degraded_rejected: 'Verification is limited right now. Please try again in a few minutes.',
  offline_rejected: 'Verification service is unreachable; this form needs it. Please try again shortly.',
  client_only_rejected: 'Verification service is unreachable; this form needs it. Please try again shortly.',
  token_replayed: 'This verification was already used. Please verify again.',
  request_failed: 'The verification service did not answer. Please try again shortly.',
  outage_not_seen: 'The verification could not be confirmed. Please verify again.',
  answer_lost: 'The verification service did not answer in time. Please verify again.',
  request_rejected: 'The verification service refused the request. Please try again shortly.',
  upstream_redirected: 'Verification is not available right now. Please try again later.',
  replay_guard_unavailable: 'We cannot check this verification right now. Please try again in a moment.',
  rate_limit_exceeded: 'Too many attempts. Please wait a minute and try again.',
  invalid_request: 'The request was not understood.',
  not_found: 'No such endpoint.',
}

export const messageFor = (code: string) =>
  MESSAGES[code as keyof typeof MESSAGES] ?? 'Verification failed. Please try again.'
