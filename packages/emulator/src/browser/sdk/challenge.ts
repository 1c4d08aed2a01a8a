import {
  type CaptchalaInitOptions,
  type CaptchalaSuccess,
  type ChallengeErrorCode,
  CLIENT_PREFIX,
  errorCodeOf,
  OFFLINE_TTL_MS,
  type ReinitSdkCode,
} from '@captchala/contract'
import { type ApiAnswer, dataOf, post } from './api'
import { type ChallengeData, SDK_PATH, type TokenData } from './protocol'

/** A challenge fetched ahead (when the widget mounts) is used if it is younger than this. */
export const PREFETCH_FRESH_MS = 100_000

/** The SDK's answer about an `sct_` that outlived its time: renewed once through the site's backend. */
const EXPIRED_SERVER_TOKEN: ReinitSdkCode = 'server_token_expired'

export interface FetchedChallenge {
  answer: ApiAnswer<ChallengeData>
  at: number
}

/** Asks for a challenge; an expired `sct_` is renewed once through `onServerTokenExpired`, as the contract says. */
export async function fetchChallenge(base: string, options: CaptchalaInitOptions): Promise<FetchedChallenge> {
  const ask = () =>
    post<ChallengeData>(base, SDK_PATH.challenge, {
      app_key: options.appKey,
      action: options.action,
      server_token: options.serverToken,
      lang: options.lang,
    })
  let answer = await ask()
  if (errorOf(answer) === EXPIRED_SERVER_TOKEN && options.onServerTokenExpired) {
    const fresh = await options.onServerTokenExpired()
    if (fresh) {
      options.serverToken = fresh
      answer = await ask()
    }
  }
  return { answer, at: Date.now() }
}

const UNKNOWN: ChallengeErrorCode = 'unknown_error'
/** The risk tier's refusal: the visitor is refused, not asked again. */
export const RISK_REFUSED: ChallengeErrorCode = 'risk_rejected'
/** A wrong answer: a new challenge follows, with a hint. */
export const WRONG_ANSWER: ChallengeErrorCode = 'invalid_answer'
/** What the widget reports when something inside a challenge throws. */
export const CHALLENGE_FAILED: ChallengeErrorCode = 'challenge_failed'

/** The code of a refused answer (`unknown_error` when it gave none); `null` for one that went through. */
export function errorOf(answer: ApiAnswer<object>): string | null {
  if ('unreachable' in answer || answer.code === 0) return null
  const code = errorCodeOf(answer)
  return typeof code === 'string' && code ? code : UNKNOWN
}

/** The human words of a refused answer, if it has some. */
export const messageOf = (answer: ApiAnswer<object>): string | null =>
  'unreachable' in answer || typeof answer.msg !== 'string' || !answer.msg ? null : answer.msg

/**
 * The main API is unreachable: the backup's bypass worker issues an `offline_` token; when it is unreachable
 * too, the browser makes a client-only token, which nobody can verify (the site's policy decides).
 */
export async function fallbackToken(base: string, options: CaptchalaInitOptions): Promise<CaptchalaSuccess> {
  const bypass = await post<TokenData>(base, SDK_PATH.bypass, {
    app_key: options.appKey,
    action: options.action,
  })
  const issued = dataOf(bypass)
  if (issued) return { ...issued, challengeId: issued.challenge_id, isOffline: true }
  const random = crypto.getRandomValues(new Uint8Array(18))
  const token = `${CLIENT_PREFIX}${btoa(String.fromCharCode(...random)).replace(/[+/=]/g, '')}`
  return { token, action: options.action, ttl: OFFLINE_TTL_MS / 1000, isClientOnly: true }
}
