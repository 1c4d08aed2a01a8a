/** How many characters a token id has: base 36, enough that two tokens of one incident never share one. */
const TOKEN_ID_LENGTH = 10

/**
 * A short id of a token, the same in the browser and on the server, for matching a visitor's trail to the
 * server's record without logging the token: safe to log and to show. It is a 53-bit hash (cyrb53), computed
 * synchronously so the browser needs no WebCrypto; it cannot be turned back into the token, and it proves
 * nothing: never accept a token by its id.
 */
export function tokenId(token: string): string {
  let first = 0xdeadbeef
  let second = 0x41c6ce57
  for (let index = 0; index < token.length; index++) {
    const char = token.charCodeAt(index)
    first = Math.imul(first ^ char, 2654435761)
    second = Math.imul(second ^ char, 1597334677)
  }
  first = Math.imul(first ^ (first >>> 16), 2246822507) ^ Math.imul(second ^ (second >>> 13), 3266489909)
  second = Math.imul(second ^ (second >>> 16), 2246822507) ^ Math.imul(first ^ (first >>> 13), 3266489909)
  const hash = 4294967296 * (2097151 & second) + (first >>> 0)
  return hash
    .toString(36)
    .padStart(TOKEN_ID_LENGTH + 1, '0')
    .slice(-TOKEN_ID_LENGTH)
}
