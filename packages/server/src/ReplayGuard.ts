/**
 * Makes a token single-use where the main API's check does not apply (degraded, offline and client-only
 * tokens the site accepts). `claim` is true for the first caller only, across every instance that shares it.
 */
export interface ReplayGuard {
  claim(key: string, ttlMs: number): Promise<boolean>
}

const SWEEP_FROM = 100_000

/** One process: a Map with expiry. Enough for a single instance; use Redis for several. */
export function memoryReplayGuard(now: () => number = Date.now): ReplayGuard {
  const seen = new Map<string, number>()
  // Swept once it has doubled since the last sweep, not on every claim past a size: a table full of live
  // tokens (an outage's worth of offline logins) must not make each claim walk all of them.
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
  }
}

/** The one call the guard needs from a Redis client: node-redis's `set(key, value, { NX, PX })`. */
export interface RedisSetNx {
  set(key: string, value: string, options: { NX: true; PX: number }): Promise<string | null>
}

/** Shared by every instance: an atomic `SET key 1 NX PX ttl`. */
export function redisReplayGuard(redis: RedisSetNx, prefix = 'captchala:replay:'): ReplayGuard {
  return {
    async claim(key, ttlMs) {
      return (await redis.set(prefix + key, '1', { NX: true, PX: Math.max(1, Math.ceil(ttlMs)) })) === 'OK'
    },
  }
}
