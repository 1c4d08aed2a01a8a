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

/** The default store: a Map with expiry, swept as it grows. Times come from the emulator's clock. */
export function memoryStore(now: () => number): TokenStore {
  const entries = new Map<string, { value: unknown; expiresAt: number }>()
  const sweep = () => {
    const t = now()
    for (const [key, entry] of entries) if (entry.expiresAt <= t) entries.delete(key)
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
      if (entries.size > 50_000) sweep()
      entries.set(key, { value, expiresAt: now() + ttlMs })
    },
    async claim(key, ttlMs) {
      if (live(key)) return false
      entries.set(key, { value: true, expiresAt: now() + ttlMs })
      return true
    },
    async clear() {
      entries.clear()
    },
  }
}
