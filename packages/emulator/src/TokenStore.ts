import { createExpiringMap } from '@captchala/contract'

/**
 * Where token state lives. Asynchronous so that a shared store (Redis) can stand in for the in-memory one;
 * `claim` must be atomic (set-if-absent): it is what makes a token single-use under concurrency.
 */
export interface TokenStore {
  get<T>(key: string): Promise<T | undefined>
  set<T>(key: string, value: T, ttlMs: number): Promise<void>
  /** true for the first caller only, until the key expires */
  claim(key: string, ttlMs: number): Promise<boolean>
  clear(): Promise<void>
}

/** The default store: a map with expiry. Times come from the emulator's clock. */
export function memoryStore(now: () => number): TokenStore {
  const entries = createExpiringMap<unknown>(now)
  return {
    async get<T>(key: string) {
      return entries.get(key) as T | undefined
    },
    async set(key, value, ttlMs) {
      entries.set(key, value, ttlMs)
    },
    async claim(key, ttlMs) {
      return entries.claim(key, true, ttlMs)
    },
    async clear() {
      entries.clear()
    },
  }
}
