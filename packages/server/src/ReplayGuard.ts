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
   * later time, so that a claim it forgot is not taken for a first one.
   */
  rememberedSince(key?: string): Promise<number>
}

const SWEEP_FROM = 100_000

/** One process: a Map with expiry. Enough for a single instance; use Redis for several. */
export function memoryReplayGuard(now: () => number = Date.now): ReplayGuard {
  const seen = new Map<string, number>()
  const createdAt = now()
  // Swept once it has doubled since the last sweep, not on every claim past a size: a table full of live
  // tokens (an outage's worth of accepted logins) must not make each claim walk all of them.
  let sweepAt = SWEEP_FROM
  return {
    async claim(key, ttlMs) {
      const t = now()
      if ((seen.get(key) ?? 0) > t) return false
      if (seen.size >= sweepAt) {
        for (const [k, until] of seen) if (until <= t) seen.delete(k)
        sweepAt = Math.max(SWEEP_FROM, seen.size * 2)
      }
      seen.set(key, t + ttlMs)
      return true
    },
    rememberedSince: async () => createdAt,
  }
}

/** The two calls the guard needs from a Redis client, in node-redis's spelling. */
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
/** Between read-backs of a claim whose reply was lost, while the store does not answer at all. */
const READ_BACK_PAUSE_MS = 20
/** Without a signal, a lost claim is read back this many times at most. */
const MAX_READ_BACKS = 5

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
  const groupOf = (key: string) => `${prefix}{${groupNumber(key).toString(16)}}:`
  const markerOf = (group: string) => `${group}remembered-since`
  const ttlArgument = (ttlMs: number) => Math.max(1, Math.ceil(ttlMs))

  async function markedSince(group: string) {
    await redis.set(markerOf(group), String(now()), { NX: true })
    return Number(await redis.get(markerOf(group)))
  }

  // Settles a claim whose reply was lost: whoever holds the key now owns it; nobody, and it is claimed again.
  async function settle(key: string, owner: string, ttlMs: number, signal: AbortSignal | undefined) {
    let lastError: unknown
    for (let readBack = 0; signal ? !signal.aborted : readBack < MAX_READ_BACKS; readBack++) {
      try {
        const holder = await redis.get(key)
        if (holder !== null) return holder === owner
        if ((await redis.set(key, owner, { NX: true, PX: ttlArgument(ttlMs) })) === 'OK') return true
      } catch (error) {
        lastError = error
        await new Promise((resolve) => setTimeout(resolve, READ_BACK_PAUSE_MS))
      }
    }
    throw lastError ?? new Error('the replay guard could not settle a claim in time')
  }

  return {
    async claim(key, ttlMs, signal) {
      const stored = groupOf(key) + key
      const owner = globalThis.crypto.randomUUID()
      try {
        return (await redis.set(stored, owner, { NX: true, PX: ttlArgument(ttlMs) })) === 'OK'
      } catch {
        return settle(stored, owner, ttlMs, signal)
      }
    },
    async rememberedSince(key) {
      if (key !== undefined) return markedSince(groupOf(key))
      const groups = Array.from({ length: GROUPS }, (_, n) => `${prefix}{${n.toString(16)}}:`)
      return Math.max(...(await Promise.all(groups.map(markedSince))))
    },
  }
}

// FNV-1a over the key's characters: any key, hashed or not, falls in one of the groups.
function groupNumber(key: string) {
  let hash = 0x811c9dc5
  for (let i = 0; i < key.length; i++) hash = Math.imul(hash ^ key.charCodeAt(i), 0x01000193)
  return (hash >>> 0) % GROUPS
}
