import type { Category, TokenInfo } from '@captchala/contract'
import type { CaptchaError } from './CaptchaError'

/**
 * One stream of lifecycle stages, for diagnostics panels and logs. Every event has `at` (epoch ms); the
 * stages that wrap one operation (a script request, a server token, a submission) also carry `ms`, its
 * duration. Tokens appear only as `TokenInfo`: the token id (the server's records carry the same), prefix,
 * length and kind.
 */
export type CaptchaEvent = { at: number } & (
  | { type: 'script:requested'; url: string }
  | { type: 'script:loaded'; url: string; ms: number }
  | { type: 'script:failed'; url: string; ms: number; error: CaptchaError }
  | { type: 'server_token:requested' }
  | { type: 'server_token:received'; ms: number }
  | { type: 'widget:ready' }
  /** `background`: a refresh the user does not see start */
  | { type: 'challenge:started'; background: boolean }
  | { type: 'challenge:closed' }
  /** `refreshed`: a background challenge replaced a token before it expired */
  | { type: 'passed' | 'refreshed'; token: TokenInfo; expiresAt: number }
  | { type: 'expired'; token: TokenInfo }
  | { type: 'spent'; token: TokenInfo }
  | { type: 'submit:started'; token: TokenInfo }
  | { type: 'submit:joined' }
  | { type: 'submit:settled'; ok: boolean; ms: number }
  /** `category`: the error's, where to look */
  | { type: 'error'; error: CaptchaError; category: Category }
)

export type CaptchaEventType = CaptchaEvent['type']

/** Distributes an event-less-`at` shape: lets callers build an event without repeating the timestamp. */
export type CaptchaEventInit = CaptchaEvent extends infer E
  ? E extends unknown
    ? Omit<E, 'at'>
    : never
  : never

/** The `error` event of an error. */
export const errorEvent = (error: CaptchaError) =>
  ({ type: 'error', error, category: error.category }) as const
