import { createExpiringMap } from '@captchala/contract'

/**
 * Makes a token single-use where CaptchaLa's own check does not apply (degraded and client-only tokens the
 * site accepts). `claim` is true for the first caller only, across every instance that shares the store.
 */
export interface ReplayGuard {
  /**
   * `true` the first time `key` is claimed within `ttlMs`, `false` after; rejects when the store fails.
   * `signal` ends the guard's own efforts (a store that settles a claim whose reply was lost stops then).
   */
  claim(key: string, ttlMs: number, signal?: AbortSignal): Promise<boolean>
  /**
   * Since when (epoch ms) the store has remembered every claim of `key` (of every key, without one). A store
   * that lost its data (a Redis, or one shard of a cluster, restarted empty; a process restarted) answers a
   * later time, so that a claim it forgot is not taken for a first one. `signal` as for `claim`.
   */
  rememberedSince(key?: string, signal?: AbortSignal): Promise<number>
}

/** One process: a Map with expiry. Enough for a single instance; use Redis for several. */
export function memoryReplayGuard(now: () => number = Date.now): ReplayGuard {
  const seen = createExpiringMap<true>(now)
  const createdAt = now()
  return {
    claim: async (key, ttlMs) => seen.claim(key, true, ttlMs),
    rememberedSince: async () => createdAt,
  }
}

/**
 * The two calls the guard needs from a Redis client, in node-redis's spelling. A call the client refuses to
 * send (it is not connected and keeps no offline queue) should reject at once: ioredis's and node-redis's
 * refusals are recognised, and any error with `notSent: true` counts as one.
 */
export interface RedisCommands {
  set(key: string, value: string, options: { NX: true; PX?: number }): Promise<string | null>
  get(key: string): Promise<string | null>
}

/**
 * Claims are spread over this many groups, each with its own marker of since when it remembers. Each group is
 * one Redis Cluster hash tag, so a group and its marker live on one shard: a shard that restarts empty loses
 * its groups' markers with their claims, and is noticed. 16 groups spread over the usual 3 to 6 masters.
 */
const GROUPS = 16
/** Between tries after a lost reply, while the store does not answer at all (a timeout has waited already). */
const RETRY_PAUSE_MS = 20
/** Without a signal, a command whose reply was lost is tried this many times at most. */
const MAX_TRIES = 5

/**
 * Shared by every instance: an atomic `SET key <owner> NX PX ttl` per claim, where the owner is an id of this
 * claim. When a claim's reply is lost (a command timeout, a dropped connection), it may have landed all the
 * same, and every other claimant would be told the token is spent: so the guard reads the key back, and the
 * claim that wrote it is first even though Redis was slow to say so. Works on one Redis or a Redis Cluster
 * (keys carry a hash tag per group).
 */
export function redisReplayGuard(
  redis: RedisCommands,
  prefix = 'captchala:replay:',
  now: () => number = Date.now,
): ReplayGuard {
  const groupPrefix = (group: number) => `${prefix}{${group.toString(16)}}:`
  const groupOf = (key: string) => groupPrefix(groupNumber(key))
  const markerOf = (group: string) => `${group}remembered-since`
  const ttlArgument = (ttlMs: number) => Math.max(1, Math.ceil(ttlMs))

  // Every step below is safe to repeat, so a step whose reply was lost is simply tried again.

  // The marker is written if missing and read in one round trip (a client sends the two in order). A marker
  // gone between the two (its shard restarted just then) is read again, never taken for "since ever".
  const markedSince = (group: string, signal?: AbortSignal) =>
    untilAnswered(async () => {
      const [, since] = await Promise.all([
        redis.set(markerOf(group), String(now()), { NX: true }),
        redis.get(markerOf(group)),
      ])
      if (since === null) throw new Error('the marker was gone before it was read')
      return Number(since)
    }, signal)

  // Settles a claim whose reply was lost: whoever holds the key now owns it; nobody, and it is claimed again
  // with the same owner.
  const settle = (key: string, owner: string, ttlMs: number, signal: AbortSignal | undefined) =>
    untilAnswered(async () => {
      const holder = await redis.get(key)
      if (holder !== null) return holder === owner
      // Nobody waits for this claim any more: do not spend the token for an answered request.
      if (signal?.aborted) throw notAnsweredInTime()
      if ((await redis.set(key, owner, { NX: true, PX: ttlArgument(ttlMs) })) === 'OK') return true
      return (await redis.get(key)) === owner
    }, signal)

  return {
    async claim(key, ttlMs, signal) {
      const stored = groupOf(key) + key
      const owner = globalThis.crypto.randomUUID()
      try {
        return (await redis.set(stored, owner, { NX: true, PX: ttlArgument(ttlMs) })) === 'OK'
      } catch (error) {
        // A claim never sent cannot have landed: Redis is down, say so at once. Any other may have.
        if (refusedToSend(error)) throw error
        return settle(stored, owner, ttlMs, signal)
      }
    },
    async rememberedSince(key, signal) {
      if (key !== undefined) return markedSince(groupOf(key), signal)
      const groups = Array.from({ length: GROUPS }, (_, group) => groupPrefix(group))
      return Math.max(...(await Promise.all(groups.map((group) => markedSince(group, signal)))))
    },
  }
}

/**
 * The refusals of a client that is not connected: ioredis's (no offline queue; its cluster client's while the
 * cluster is not ready), node-redis's. ("Connection is closed" is not one: commands in flight end with it.)
 */
const REFUSED_TO_SEND = /isn't writeable|Cluster isn't ready|^The client is (closed|offline)/

const refusedToSend = (error: unknown) =>
  (error as { notSent?: unknown } | null)?.notSent === true ||
  (error instanceof Error && REFUSED_TO_SEND.test(error.message))

const notAnsweredInTime = () => new Error('the replay guard was not answered in time')

// Runs `step` until it is answered, the signal ends the wait, or (without a signal) MAX_TRIES have failed.
async function untilAnswered<T>(step: () => Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  let lastError: unknown
  for (let tries = 0; signal ? !signal.aborted : tries < MAX_TRIES; tries++) {
    try {
      return await step()
    } catch (error) {
      lastError = error
      await new Promise((resolve) => setTimeout(resolve, RETRY_PAUSE_MS))
    }
  }
  throw lastError ?? notAnsweredInTime()
}

// FNV-1a over the key's characters: any key, hashed or not, falls in one of the groups.
function groupNumber(key: string) {
  let hash = 0x811c9dc5
  for (let i = 0; i < key.length; i++) hash = Math.imul(hash ^ key.charCodeAt(i), 0x01000193)
  return (hash >>> 0) % GROUPS
}
