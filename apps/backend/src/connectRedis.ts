import { Cluster, Redis, type RedisOptions } from 'ioredis'

/** How long a Redis command may take before the caller treats Redis as down (rate limits: fail fast). */
const REDIS_COMMAND_TIMEOUT_MS = 300
/** How long the backend waits for Redis at start before serving without it (it joins when it comes). */
const FIRST_CONNECT_WAIT_MS = 2_000
/** The longest pause between reconnection attempts: Redis is back in service within this of its return. */
const MAX_RECONNECT_DELAY_MS = 1_000
const CONNECT_TIMEOUT_MS = 1_000

/** One Redis, or a Redis Cluster: the backend uses either through the same commands. */
export type RedisClient = Redis | Cluster

/** Where Redis is: one URL, or the `host:port` of some of a cluster's nodes (the others are discovered). */
export type RedisLocation = { url: string } | { clusterNodes: { host: string; port: number }[] }

export interface RedisEvents {
  down(error: Error): void
  up(): void
}

const reconnectDelay = (attempt: number) => Math.min(attempt * 100, MAX_RECONNECT_DELAY_MS)

// Fail fast instead of waiting: no queue of commands while disconnected (each fails at once, so nothing
// piles up), a short command timeout, and reconnection every second at most, for ever.
const failFast = (commandTimeout: number): RedisOptions => ({
  enableOfflineQueue: false,
  commandTimeout,
  maxRetriesPerRequest: 0,
  connectTimeout: CONNECT_TIMEOUT_MS,
  retryStrategy: reconnectDelay,
})

/**
 * A Redis client that never stops the backend from starting: when Redis is not there (or not yet), the
 * backend serves without it after a short wait (guard-backed tokens are refused, rate limits count per
 * instance) and it joins when Redis comes. A cluster is used the same way: a master that is down fails the
 * commands for its keys (at their command timeout: ioredis keeps a queue for each cluster node, whatever
 * `enableOfflineQueue` says), the others go on.
 */
export async function connectRedis(
  location: RedisLocation,
  events: RedisEvents,
  commandTimeoutMs = REDIS_COMMAND_TIMEOUT_MS,
): Promise<RedisClient> {
  const redis =
    'url' in location
      ? new Redis(location.url, failFast(commandTimeoutMs))
      : new Cluster(location.clusterNodes, {
          enableOfflineQueue: false,
          clusterRetryStrategy: reconnectDelay,
          slotsRefreshTimeout: CONNECT_TIMEOUT_MS,
          redisOptions: failFast(commandTimeoutMs),
        })
  let up = false
  redis.on('ready', () => {
    up = true
    events.up()
  })
  // Every error is heard here (an unheard 'error' event would end the process); it is logged once per outage.
  const down = (error: Error) => {
    if (up) events.down(error)
    up = false
  }
  redis.on('error', down)
  redis.on('node error', down)
  redis.on('end', () => {
    up = false
  })
  await firstReady(redis)
  return redis
}

// Resolves when Redis is ready or the wait is over, whichever comes first; never rejects (unlike `once`,
// which rejects on the first 'error' event: that stopped a backend started while Redis was down).
function firstReady(redis: RedisClient) {
  return new Promise<void>((resolve) => {
    const timer = setTimeout(done, FIRST_CONNECT_WAIT_MS)
    redis.once('ready', done)
    function done() {
      clearTimeout(timer)
      redis.off('ready', done)
      resolve()
    }
  })
}
