/** How a token was produced, read from its prefix (CONTRACT.md section 3). */
export type TokenType = 'pass' | 'degraded' | 'offline' | 'client' | 'unknown'

/** What may be shown or logged of a token: never the token itself. */
export interface TokenInfo {
  prefix: string
  length: number
  type: TokenType
}

const TYPES: Record<string, TokenType> = {
  pt: 'pass',
  dg: 'degraded',
  offline: 'offline',
  client: 'client',
  co: 'client',
}

export function tokenTypeOf(token: string): TokenType {
  return TYPES[token.slice(0, token.indexOf('_'))] ?? 'unknown'
}

export function tokenInfo(token: string): TokenInfo {
  const type = tokenTypeOf(token)
  return {
    prefix: type === 'unknown' ? '' : token.slice(0, token.indexOf('_') + 1),
    length: token.length,
    type,
  }
}
