import { tokenId } from './tokenId'

// The tokens CaptchaLa hands out, told apart by their prefix (CONTRACT.md section 3). One constant each, so
// that a bundle holds only the prefixes its code names.

/** A challenge passed normally: validated (and consumed) by the main API. */
export const PASS_PREFIX = 'pt_'
/** The app's quota ran out: HMAC-signed, five minutes, accepted or refused by the site's policy. */
export const DEGRADED_PREFIX = 'dg_'
/** The main API was unreachable and the backup's bypass worker issued it: validated by the backup. */
export const OFFLINE_PREFIX = 'offline_'
/** Nothing of CaptchaLa answered and the browser made it: nobody can verify it (the SDKs' prefix). */
export const CLIENT_PREFIX = 'client_'
/** The docs' prefix for the same client-only token. */
export const CLIENT_DOCS_PREFIX = 'co_'
/** Issued by the site's server ahead of a challenge: an input to `init`, never a pass. */
export const SERVER_TOKEN_PREFIX = 'sct_'
/** A challenge's id, echoed by validation. */
export const CHALLENGE_ID_PREFIX = 'ch_'

/** Every prefix of the vocabulary. */
export const TOKEN_PREFIXES = [
  PASS_PREFIX,
  DEGRADED_PREFIX,
  OFFLINE_PREFIX,
  CLIENT_PREFIX,
  CLIENT_DOCS_PREFIX,
  SERVER_TOKEN_PREFIX,
  CHALLENGE_ID_PREFIX,
] as const

/** How a token the visitor sends was produced. */
export type TokenType = 'pass' | 'degraded' | 'offline' | 'client' | 'unknown'

/** What may be shown or logged of a token: never the token itself. */
export interface TokenInfo {
  /** the token id (`tokenId`): the same in the browser's events and the server's records */
  id: string
  /** `pt_`, `dg_`, `offline_`, `client_` or `co_`; empty for an unknown token, so nothing of it leaks */
  prefix: string
  length: number
  type: TokenType
}

// Only the kinds a visitor can send; `sct_` and `ch_` are never a pass.
const TYPE_BY_PREFIX: ReadonlyArray<readonly [string, TokenType]> = [
  [PASS_PREFIX, 'pass'],
  [DEGRADED_PREFIX, 'degraded'],
  [OFFLINE_PREFIX, 'offline'],
  [CLIENT_PREFIX, 'client'],
  [CLIENT_DOCS_PREFIX, 'client'],
]

export function tokenInfo(token: string): TokenInfo {
  const [prefix, type] = TYPE_BY_PREFIX.find(([known]) => token.startsWith(known)) ?? ['', 'unknown']
  return { id: tokenId(token), prefix, length: token.length, type }
}
