import { type ReplayGuard, redisReplayGuard } from '@captchala/server'
import { connectRedis, type RedisClient, type RedisLocation } from './connectRedis'

/** How often the guard's markers are written again (only those that are missing change). */
const MARKER_REFRESH_MS = 1_000
/**
 * How long the guard waits for one reply: half the server SDK's guard budget (`guardTimeoutMs`, 1 s), so that
 * a claim whose reply is lost still has time to be read back. Longer than the rate limits' 300 ms on purpose:
 * a claim that is merely slow is answered instead of being taken for lost, and a busy link does not turn
 * every claim into a read-back. Its own connection, so the rate limits' commands never queue ahead of it.
 */
const GUARD_COMMAND_TIMEOUT_MS = 500

/**
 * The server SDK's Redis replay guard over ioredis, one Redis or a cluster alike, with its markers kept.
 * Each group of claims has a marker of since when it remembers; a Redis, or one master of a cluster, that
 * restarts empty loses its markers with its claims. They are written again within a second of its return,
 * so an outage that begins after that is covered; one during which it restarted is not (its claims are
 * gone), and its client-only tokens are refused until the outage ends.
 */
export async function replayGuardOnRedis(
  location: RedisLocation,
): Promise<{ guard: ReplayGuard; status(): string; stop(): void }> {
  // Its comings and goings are logged by the backend's main connection; errors are heard here.
  const quiet = { up() {}, down() {} }
  const redis: RedisClient = await connectRedis(location, quiet, GUARD_COMMAND_TIMEOUT_MS)
  const guard = redisReplayGuard({
    // ioredis spells SET NX PX as arguments; the SDK's guard speaks node-redis's options object.
    set: (key, value, { PX }) => (PX ? redis.set(key, value, 'PX', PX, 'NX') : redis.set(key, value, 'NX')),
    get: (key) => redis.get(key),
  })
  // Whether the markers were written on this connection since it became ready: until then an outage that
  // begins is not covered, and the health check says so (`marking`) instead of `ready`.
  // A write counts only for the connection it started on (`generation`, one per 'ready'), and a failed one
  // (a cluster's master gone while the client stays ready) unmarks.
  let marked = false
  let generation = 0
  let writing = false
  const writeMarkers = () => {
    if (writing) return
    writing = true
    const startedOn = generation
    guard.rememberedSince().then(
      () => {
        writing = false
        marked = startedOn === generation && redis.status === 'ready'
      },
      () => {
        writing = false
        marked = false
      },
    )
  }
  redis.on('ready', () => {
    generation++
    marked = false
    writeMarkers()
  })
  if (redis.status === 'ready') writeMarkers()
  const refresh = setInterval(() => {
    if (redis.status === 'ready') writeMarkers()
    else marked = false
  }, MARKER_REFRESH_MS)
  refresh.unref()
  return {
    guard,
    /** `ready` once the guard can vouch for an outage that begins now; else the connection's state */
    status: () => (redis.status !== 'ready' ? redis.status : marked ? 'ready' : 'marking'),
    stop() {
      clearInterval(refresh)
      redis.disconnect()
    },
  }
}
