import { type ReplayGuard, redisReplayGuard } from '@captchala/server'
import type { RedisClient } from './connectRedis'

/** How often the guard's markers are written again (only those that are missing change). */
const MARKER_REFRESH_MS = 1_000

/**
 * The server SDK's Redis replay guard over ioredis, one Redis or a cluster alike, with its markers kept.
 * Each group of claims has a marker of since when it remembers; a Redis, or one master of a cluster, that
 * restarts empty loses its markers with its claims. They are written again within a second of its return,
 * so an outage that begins after that is covered; one during which it restarted is not (its claims are
 * gone), and its client-only tokens are refused until the outage ends.
 */
export function replayGuardOnRedis(redis: RedisClient): { guard: ReplayGuard; stop(): void } {
  const guard = redisReplayGuard({
    // ioredis spells SET NX PX as arguments; the SDK's guard speaks node-redis's options object.
    set: (key, value, { PX }) => (PX ? redis.set(key, value, 'PX', PX, 'NX') : redis.set(key, value, 'NX')),
    get: (key) => redis.get(key),
  })
  const refresh = setInterval(() => {
    if (redis.status === 'ready') guard.rememberedSince().catch(() => {})
  }, MARKER_REFRESH_MS)
  refresh.unref()
  return { guard, stop: () => clearInterval(refresh) }
}
