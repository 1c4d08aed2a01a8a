import { once } from 'node:events'
import { Redis } from 'ioredis'

/** How long a Redis command may take before the caller treats Redis as down. */
export const REDIS_COMMAND_TIMEOUT_MS = 300
/** How long the backend waits for Redis at start before serving without it. */
const FIRST_CONNECT_WAIT_MS = 2_000
/** The longest pause between reconnection attempts: Redis is back in service within this of its return. */
const MAX_RECONNECT_DELAY_MS = 1_000

export interface RedisEvents {
  down(error: Error): void
  up(): void
}

/**
 * A Redis client that fails fast instead of waiting: no queue of commands while disconnected (each fails at
 * once, so nothing piles up), a short command timeout, and reconnection every second at most, so that the
 * site recovers on its own when Redis returns.
 */
export async function connectRedis(url: string, events: RedisEvents): Promise<Redis> {
  const redis = new Redis(url, {
    enableOfflineQueue: false,
    commandTimeout: REDIS_COMMAND_TIMEOUT_MS,
    maxRetriesPerRequest: 0,
    connectTimeout: 1_000,
    retryStrategy: (attempt) => Math.min(attempt * 100, MAX_RECONNECT_DELAY_MS),
  })
  let up = false
  redis.on('ready', () => {
    up = true
    events.up()
  })
  redis.on('error', (error: Error) => {
    if (up) events.down(error)
    up = false
  })
  redis.on('end', () => {
    up = false
  })
  // Served without Redis if it is not there yet; it joins when it comes.
  await Promise.race([
    once(redis, 'ready'),
    new Promise((resolve) => setTimeout(resolve, FIRST_CONNECT_WAIT_MS)),
  ])
  return redis
}
