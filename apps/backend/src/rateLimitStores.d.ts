// @fastify/rate-limit ships its stores without types; this is the shape fallbackRateLimitStore relies on.
declare module '@fastify/rate-limit/store/LocalStore.js' {
  import type { RateLimitStore } from './fallbackRateLimitStore'

  const LocalStore: new (continueExceeding: boolean, exponentialBackoff: boolean) => RateLimitStore
  export default LocalStore
}
declare module '@fastify/rate-limit/store/RedisStore.js' {
  import type { RedisClient } from './connectRedis'
  import type { RateLimitStore } from './fallbackRateLimitStore'

  const RedisStore: new (
    continueExceeding: boolean,
    exponentialBackoff: boolean,
    redis: RedisClient,
    nameSpace: string,
  ) => RateLimitStore
  export default RedisStore
}
