import type { CaptchaError } from './CaptchaError'
import type { TokenInfo } from './tokenInfo'

/**
 * One stream of lifecycle stages, for diagnostics panels and logs. `at` is a wall-clock timestamp and `ms`
 * the time the stage took; tokens appear only as `TokenInfo` (prefix and length).
 */
export type CaptchaEvent = { at: number } & (
  | { type: 'script:requested'; url: string }
  | { type: 'script:loaded'; url: string; ms: number }
  | { type: 'script:failed'; url: string; ms: number; error: CaptchaError }
  | { type: 'server_token:requested' }
  | { type: 'server_token:received'; ms: number }
  | { type: 'widget:ready'; ms: number }
  | { type: 'challenge:started' }
  | { type: 'challenge:closed' }
  | { type: 'passed'; token: TokenInfo; ms: number; expiresAt: number }
  | { type: 'refreshing'; token: TokenInfo }
  | { type: 'expired'; token: TokenInfo }
  | { type: 'spent'; token: TokenInfo }
  | { type: 'submit:started'; token: TokenInfo }
  | { type: 'submit:joined' }
  | { type: 'submit:settled'; ok: boolean; ms: number }
  | { type: 'error'; error: CaptchaError }
)

export type CaptchaEventType = CaptchaEvent['type']

/** Distributes an event-less-`at` shape: lets callers build an event without repeating the timestamp. */
export type CaptchaEventInit = CaptchaEvent extends infer E
  ? E extends unknown
    ? Omit<E, 'at'>
    : never
  : never
