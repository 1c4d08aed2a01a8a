import { createHash, createHmac, timingSafeEqual } from 'node:crypto'
import {
  CLIENT_PREFIX,
  DEGRADED_PREFIX,
  DEGRADED_TTL_MS,
  OFFLINE_PREFIX,
  OFFLINE_TTL_MS,
  PASS_PREFIX,
  SERVER_TOKEN_PREFIX,
} from '@captchala/contract'
import type { EmulatorClock } from './emulatorClock'
import type { Random } from './random'
import type { TokenStore } from './TokenStore'

/** What a pass token remembers from its solve, echoed by validation. */
export interface PassRecord {
  appKey: string
  action: string
  challengeId: string
  expiresAt: number
  userIp: string
  referer: string | null
  solvedAt: number
  riskScore: number
  uid: string | null
  /** the `client_ip` the site's backend sent with each of the last 20 validations, oldest first */
  validatedFor?: (string | null)[]
}

export interface ServerTokenRecord {
  appKey: string
  action: string
  expiresAt: number
  maxUses: number
  bindingIp: string | null
  bindUid: string | null
}

export interface TokenContext {
  store: TokenStore
  clock: EmulatorClock
  random: Random
  /** key of the `dg_` HMAC */
  hmacKey: Buffer
}

// Expired tokens are kept a while longer, so that validation can say `token_expired` rather than not found.
const GRACE_MS = 3_600_000

export async function mintPass(
  ctx: TokenContext,
  record: Omit<PassRecord, 'expiresAt' | 'solvedAt'>,
  ttlMs: number,
) {
  const token = ctx.random.id(PASS_PREFIX)
  const now = ctx.clock.now()
  await ctx.store.set<PassRecord>(
    `pt:${token}`,
    { ...record, solvedAt: now, expiresAt: now + ttlMs },
    ttlMs + GRACE_MS,
  )
  return token
}

export async function mintServerToken(
  ctx: TokenContext,
  record: Omit<ServerTokenRecord, 'expiresAt'>,
  ttlMs: number,
) {
  const token = ctx.random.id(SERVER_TOKEN_PREFIX)
  const expiresAt = ctx.clock.now() + ttlMs
  await ctx.store.set<ServerTokenRecord>(`sct:${token}`, { ...record, expiresAt }, ttlMs + GRACE_MS)
  return token
}

export async function mintOffline(ctx: TokenContext, record: Omit<PassRecord, 'expiresAt' | 'solvedAt'>) {
  const token = ctx.random.id(OFFLINE_PREFIX)
  const now = ctx.clock.now()
  const value = { ...record, solvedAt: now, expiresAt: now + OFFLINE_TTL_MS }
  await ctx.store.set<PassRecord>(`offline:${token}`, value, OFFLINE_TTL_MS + GRACE_MS)
  return token
}

// `dg_` tokens are stateless, as upstream: a payload and its HMAC (the scheme is unpublished; this is ours).
const sign = (key: Buffer, payload: string) => createHmac('sha256', key).update(payload).digest('base64url')

export function mintDegraded(ctx: TokenContext, appKey: string, action: string) {
  const payload = Buffer.from(
    JSON.stringify({ a: appKey, x: action, e: ctx.clock.now() + DEGRADED_TTL_MS }),
  ).toString('base64url')
  return `${DEGRADED_PREFIX}${payload}.${sign(ctx.hmacKey, payload)}`
}

export function readDegraded(
  ctx: TokenContext,
  token: string,
): { appKey: string; action: string; expiresAt: number } | null {
  const [payload = '', signature = ''] = token.slice(DEGRADED_PREFIX.length).split('.')
  const expected = Buffer.from(sign(ctx.hmacKey, payload))
  const given = Buffer.from(signature)
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null
  try {
    const { a, x, e } = JSON.parse(Buffer.from(payload, 'base64url').toString())
    return typeof a === 'string' && typeof x === 'string' && typeof e === 'number'
      ? { appKey: a, action: x, expiresAt: e }
      : null
  } catch {
    return null
  }
}

/** Compares secrets in constant time (by their digests, so that lengths do not leak either). */
export function sameSecret(given: string, expected: string) {
  const digest = (s: string) => createHash('sha256').update(s).digest()
  return timingSafeEqual(digest(given), digest(expected))
}

/** Counts leading zero bits of SHA-256(salt + nonce): the proof of work of the low tier. */
export function powBits(salt: string, nonce: string) {
  const hash = createHash('sha256')
    .update(salt + nonce)
    .digest()
  let bits = 0
  for (const byte of hash) {
    if (byte === 0) {
      bits += 8
      continue
    }
    bits += Math.clz32(byte) - 24
    break
  }
  return bits
}

/** A client-only token, as the browser SDK makes when nothing of CaptchaLa answers: random, verifiable by nobody. */
export const clientOnlyToken = (ctx: TokenContext) => ctx.random.id(CLIENT_PREFIX)
