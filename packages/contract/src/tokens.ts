/**
 * The tokens CaptchaLa hands out, told apart by their prefix (CONTRACT.md section 3). `co_` is the docs'
 * name for a client-only token, `client_` the SDKs'; both are the same kind.
 */
export const TOKEN_PREFIX = {
  /** a challenge passed normally: validated (and consumed) by the main API */
  pass: 'pt_',
  /** the app's quota ran out: HMAC-signed, five minutes, accepted or refused by the site's policy */
  degraded: 'dg_',
  /** the main API was unreachable and the backup's bypass worker issued it: validated by the backup */
  offline: 'offline_',
  /** nothing of CaptchaLa answered and the browser made it: nobody can verify it (the SDKs' prefix) */
  client: 'client_',
  /** the docs' prefix for the same client-only token */
  clientDocs: 'co_',
  /** issued by the site's server ahead of a challenge: an input to `init`, never a pass */
  server: 'sct_',
  /** a challenge's id, echoed by validation */
  challenge: 'ch_',
} as const

/** How a token the visitor sends was produced. */
export type TokenType = 'pass' | 'degraded' | 'offline' | 'client' | 'unknown'

/** What may be shown or logged of a token: never the token itself. */
export interface TokenInfo {
  /** `pt_`, `dg_`, `offline_`, `client_` or `co_`; empty for an unknown token, so nothing of it leaks */
  prefix: string
  length: number
  type: TokenType
}

// Only the kinds a visitor can send; `sct_` and `ch_` are never a pass.
const TYPE_BY_PREFIX: ReadonlyArray<readonly [string, TokenType]> = [
  [TOKEN_PREFIX.pass, 'pass'],
  [TOKEN_PREFIX.degraded, 'degraded'],
  [TOKEN_PREFIX.offline, 'offline'],
  [TOKEN_PREFIX.client, 'client'],
  [TOKEN_PREFIX.clientDocs, 'client'],
]

export function tokenInfo(token: string): TokenInfo {
  const [prefix, type] = TYPE_BY_PREFIX.find(([known]) => token.startsWith(known)) ?? ['', 'unknown']
  return { prefix, length: token.length, type }
}
