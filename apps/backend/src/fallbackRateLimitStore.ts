/// <reference path="./rateLimitStores.d.ts" />
// The stores @fastify/rate-limit ships (no types of their own: rateLimitStores.d.ts declares them).
import type { FastifyRateLimitStore } from '@fastify/rate-limit'
import LocalStore from '@fastify/rate-limit/store/LocalStore.js'
import RedisStore from '@fastify/rate-limit/store/RedisStore.js'
import type { RedisClient } from './connectRedis'

export type RateLimitStore = FastifyRateLimitStore
type Done = Parameters<RateLimitStore['incr']>[1]
type RouteOptions = Parameters<RateLimitStore['child']>[0]

interface StoreParams {
  continueExceeding?: boolean | undefined
  exponentialBackoff?: boolean | undefined
}

/**
 * Counts in Redis, shared by every instance; while Redis cannot answer, counts in this instance's memory
 * instead of failing the request (limits then hold per instance). `onFallback` hears each switch to memory.
 */
export function fallbackRateLimitStore(
  redis: RedisClient,
  nameSpace: string,
  onFallback: (error: Error) => void,
) {
  return class FallbackRateLimitStore implements RateLimitStore {
    readonly shared: RateLimitStore
    readonly local: RateLimitStore

    constructor(params: StoreParams, shared?: RateLimitStore, local?: RateLimitStore) {
      const { continueExceeding = false, exponentialBackoff = false } = params
      this.shared = shared ?? new RedisStore(continueExceeding, exponentialBackoff, redis, nameSpace)
      this.local = local ?? new LocalStore(continueExceeding, exponentialBackoff)
    }

    incr(key: string, done: Done, timeWindow: number, max: number) {
      // Disconnected: straight to memory, without a round trip that is bound to fail.
      if (redis.status !== 'ready') {
        onFallback(new Error(`redis is ${redis.status}`))
        return this.local.incr(key, done, timeWindow, max)
      }
      this.shared.incr(
        key,
        (error, counted) => {
          if (!error) return done(null, counted)
          onFallback(error)
          this.local.incr(key, done, timeWindow, max)
        },
        timeWindow,
        max,
      )
    }

    child(routeOptions: RouteOptions & StoreParams) {
      return new FallbackRateLimitStore(
        routeOptions,
        this.shared.child(routeOptions),
        this.local.child(routeOptions),
      )
    }
  }
}
