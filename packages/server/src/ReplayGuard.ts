/**
 * Makes a token single-use where CaptchaLa's own check does not apply (degraded and client-only tokens the
 * site accepts). `claim` is true for the first caller only, across every instance that shares the store.
 */
export interface ReplayGuard {
  /** `true` the first time `key` is claimed within `ttlMs`, `false` after; rejects when the store fails */
  claim(key: string, ttlMs: number): Promise<boolean>
  /**
   * Since when (epoch ms) the store has remembered every claim. A store that lost its data (a Redis restarted
   * empty, a process restarted) answers a later time, so that a claim it forgot is not taken for a first one.
   */
  rememberedSince(): Promise<number>
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
 * Shared by every instance: an atomic `SET key 1 NX PX ttl` per claim, and a marker key without expiry that
 * says since when the store has kept its data (an empty Redis gets a new one, and so a later time).
 */
export function redisReplayGuard(
  redis: RedisCommands,
  prefix = 'captchala:replay:',
  now: () => number = Date.now,
): ReplayGuard {
  const marker = `${prefix}remembered-since`
  return {
    async claim(key, ttlMs) {
      return (await redis.set(prefix + key, '1', { NX: true, PX: Math.max(1, Math.ceil(ttlMs)) })) === 'OK'
    },
    async rememberedSince() {
      await redis.set(marker, String(now()), { NX: true })
      return Number(await redis.get(marker))
    },
  }
}
