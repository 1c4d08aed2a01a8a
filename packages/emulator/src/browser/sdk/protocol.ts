// The emulator's own challenge protocol between its browser SDK and its routes (CaptchaLa's is unpublished,
// CONTRACT.md section 4): what `data` holds in each answer. Both sides are checked against these types.

export const SDK_PATH = {
  challenge: '/v1/sdk/challenge',
  answer: '/v1/sdk/answer',
  /** the backup's bypass worker: an `offline_` token while the main API is unreachable */
  bypass: '/bypass/issue',
} as const

/** `POST /v1/sdk/challenge`: a puzzle for the risk tier, or a `dg_` token straight away. */
export type ChallengeData =
  | { tier: 'degraded'; token: string; ttl: number }
  | { tier: 'low'; challenge_id: string; expires_in: number; pow: { salt: string; difficulty: number } }
  | { tier: 'medium'; challenge_id: string; expires_in: number; slide: { target: number; tolerance: number } }

/** `POST /v1/sdk/answer` and `POST /bypass/issue`: the token a solved challenge (or an outage) earns. */
export type TokenData = {
  token: string
  ttl: number
  challenge_id: string
  action: string
}
