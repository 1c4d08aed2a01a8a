/** How a token was produced, read from its prefix (CONTRACT.md section 3). */
export type TokenType = 'pass' | 'degraded' | 'offline' | 'client' | 'unknown'

/** What may be shown or logged of a token: never the token itself. */
export interface TokenInfo {
  /** `pt_`, `dg_`, `offline_`, `client_` or `co_`; empty for an unknown token, so nothing of it leaks */
  prefix: string
  length: number
  type: TokenType
}

// Keyed by the prefix's first letter, once the prefix itself is known to be one of the five.
const TYPES: Record<string, TokenType> = { p: 'pass', d: 'degraded', o: 'offline', c: 'client' }

export function tokenInfo(token: string): TokenInfo {
  const prefix = /^(pt|dg|offline|client|co)_/.exec(token)?.[0] ?? ''
  return { prefix, length: token.length, type: TYPES[prefix[0]!] ?? 'unknown' }
}
