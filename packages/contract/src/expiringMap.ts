/** Below this many entries the map never sweeps: expired entries are only skipped. */
const SWEEP_FROM = 50_000

/**
 * A Map whose entries expire: the memory behind the emulator's token store and the server's in-process replay
 * guard. `claim` is the single-use check (set-if-absent until expiry). Swept once it has doubled since the
 * last sweep, not on every write past a size: a map full of live entries (an outage's worth of accepted
 * logins) must not make each write walk all of them.
 */
export function createExpiringMap<Value>(now: () => number) {
  const entries = new Map<string, { value: Value; expiresAt: number }>()
  let sweepAt = SWEEP_FROM

  const live = (key: string) => {
    const entry = entries.get(key)
    return entry && entry.expiresAt > now() ? entry : undefined
  }

  const set = (key: string, value: Value, ttlMs: number) => {
    const t = now()
    if (entries.size >= sweepAt) {
      for (const [k, entry] of entries) if (entry.expiresAt <= t) entries.delete(k)
      sweepAt = Math.max(SWEEP_FROM, entries.size * 2)
    }
    entries.set(key, { value, expiresAt: t + ttlMs })
  }

  return {
    get: (key: string): Value | undefined => live(key)?.value,
    set,
    /** `true` for the first caller only, until the key expires */
    claim(key: string, value: Value, ttlMs: number) {
      if (live(key)) return false
      set(key, value, ttlMs)
      return true
    },
    clear: () => entries.clear(),
  }
}
