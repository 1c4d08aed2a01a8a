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

const SWEEP_FROM = 50_000

/** The default store: a Map with expiry, swept as it grows. Times come from the emulator's clock. */
export function memoryStore(now: () => number): TokenStore {
  const entries = new Map<string, { value: unknown; expiresAt: number }>()
  // Swept once it has doubled since the last sweep, not on every write past a size: a store full of live
  // tokens must not make each write walk all of them.
  let sweepAt = SWEEP_FROM
  const put = (key: string, value: unknown, ttlMs: number) => {
    const t = now()
    if (entries.size >= sweepAt) {
      for (const [k, entry] of entries) if (entry.expiresAt <= t) entries.delete(k)
      sweepAt = Math.max(SWEEP_FROM, entries.size * 2)
    }
    entries.set(key, { value, expiresAt: t + ttlMs })
  }
  const live = (key: string) => {
    const entry = entries.get(key)
    return entry && entry.expiresAt > now() ? entry : undefined
  }
  return {
    async get<T>(key: string) {
      return live(key)?.value as T | undefined
    },
    async set(key, value, ttlMs) {
      put(key, value, ttlMs)
    },
    async claim(key, ttlMs) {
      if (live(key)) return false
      put(key, true, ttlMs)
      return true
    },
    async clear() {
      entries.clear()
    },
  }
}
