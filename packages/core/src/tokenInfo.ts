/** How a token was produced, read from its prefix (CONTRACT.md section 3). */
export type TokenType = 'pass' | 'degraded' | 'offline' | 'client' | 'unknown'

/** What may be shown or logged of a token: never the token itself. */
export interface TokenInfo {
  /** `pt_`, `dg_`, `offline_`, `client_` or `co_`; empty for an unknown token, so nothing of it leaks */
  prefix: string
  length: number
  type: TokenType
}

const TYPE_BY_PREFIX: Readonly<Record<string, TokenType>> = {
  pt_: 'pass',
  dg_: 'degraded',
  offline_: 'offline',
  client_: 'client',
  co_: 'client',
}

export function tokenInfo(token: string): TokenInfo {
  const prefix = Object.keys(TYPE_BY_PREFIX).find((known) => token.startsWith(known)) ?? ''
  return { prefix, length: token.length, type: TYPE_BY_PREFIX[prefix] ?? 'unknown' }
}
