import { afterEach, describe, expect, it, vi } from 'vitest'
import { memoryReplayGuard, type RedisCommands, redisReplayGuard } from './ReplayGuard'

describe('memoryReplayGuard', () => {
  afterEach(() => {
    vi.restoreAllMocks()
  })

  it('gives a key to the first caller only, until it expires', async () => {
    let t = 0
    const guard = memoryReplayGuard(() => t)
    expect(await guard.claim('a', 1_000)).toBe(true)
    expect(await guard.claim('a', 1_000)).toBe(false)
    expect(await guard.claim('b', 1_000)).toBe(true)
    t = 1_000
    expect(await guard.claim('a', 1_000)).toBe(true)
  })

  it('does not walk its whole table on every claim once it is full of live keys', async () => {
    const guard = memoryReplayGuard(() => 0)
    for (let i = 0; i < 100_000; i++) await guard.claim(`live${i}`, 60_000)
    const walks = vi.spyOn(Map.prototype, Symbol.iterator)
    for (let i = 0; i < 1_000; i++) await guard.claim(`more${i}`, 60_000)
    // One sweep when the table reaches its size, then none until it has doubled (it used to be 1,000).
    expect(walks.mock.calls.length).toBeLessThanOrEqual(1)
    expect(await guard.claim('live0', 60_000)).toBe(false)
  })
})

/** A Redis of one Map, where the test decides which replies are lost. */
function fakeRedis() {
  const store = new Map<string, string>()
  const lose = { setReply: 0, setRequest: 0, everything: false }
  const redis: RedisCommands = {
    async set(key, value, { NX }) {
      if (lose.everything) throw new Error('Command timed out')
      if (lose.setRequest > 0) {
        lose.setRequest--
        throw new Error('Connection is closed')
      }
      const landed = !(NX && store.has(key))
      if (landed) store.set(key, value)
      if (lose.setReply > 0) {
        lose.setReply--
        throw new Error('Command timed out')
      }
      return landed ? 'OK' : null
    },
    async get(key) {
      if (lose.everything) throw new Error('Command timed out')
      return store.get(key) ?? null
    },
  }
  return { redis, store, lose }
}

describe('redisReplayGuard', () => {
  it('a claim whose reply was lost after it landed is still the first; the others are not', async () => {
    const { redis, lose } = fakeRedis()
    const guard = redisReplayGuard(redis)
    lose.setReply = 1
    expect(await guard.claim('k', 60_000)).toBe(true)
    expect(await guard.claim('k', 60_000)).toBe(false)
  })

  it('a claim whose request never landed is made again, and is the first', async () => {
    const { redis, lose, store } = fakeRedis()
    const guard = redisReplayGuard(redis)
    lose.setRequest = 1
    expect(await guard.claim('k', 60_000)).toBe(true)
    expect([...store.keys()].filter((key) => !key.endsWith('remembered-since'))).toHaveLength(1)
    expect(await guard.claim('k', 60_000)).toBe(false)
  })

  it('a claim that loses its reply to a later claimant is not the first', async () => {
    const { redis, lose } = fakeRedis()
    const guard = redisReplayGuard(redis)
    expect(await guard.claim('k', 60_000)).toBe(true)
    lose.setReply = 1
    expect(await guard.claim('k', 60_000)).toBe(false)
  })

  it('fails at once when the client refused to send the claim (not connected): nothing can have landed', async () => {
    const { redis, store } = fakeRedis()
    let reads = 0
    const refusing: RedisCommands = {
      set: async () => {
        throw new Error("Stream isn't writeable and enableOfflineQueue options is false")
      },
      get: async (key) => {
        reads++
        return redis.get(key)
      },
    }
    await expect(redisReplayGuard(refusing).claim('k', 60_000, AbortSignal.timeout(1_000))).rejects.toThrow(
      /writeable/,
    )
    expect(reads).toBe(0)
    const notSent = Object.assign(new Error('offline'), { notSent: true })
    const adapter: RedisCommands = { ...redis, set: async () => Promise.reject(notSent) }
    await expect(redisReplayGuard(adapter).claim('k', 60_000)).rejects.toBe(notSent)
    expect(store.size).toBe(0)
  })

  it('gives up when Redis answers nothing until the signal ends it: the caller refuses the token', async () => {
    const { redis, lose } = fakeRedis()
    lose.everything = true
    await expect(redisReplayGuard(redis).claim('k', 60_000, AbortSignal.timeout(100))).rejects.toThrow()
  })

  it('keeps a marker per group of keys, on the same cluster shard as the group (one hash tag)', async () => {
    let t = 1_000
    const { redis, store } = fakeRedis()
    const guard = redisReplayGuard(redis, 'captchala:replay:', () => t)
    expect(await guard.rememberedSince()).toBe(1_000)
    await guard.claim('aaaa', 60_000)
    const [claimed] = [...store.keys()].filter((key) => !key.endsWith('remembered-since'))
    const group = /^captchala:replay:(\{[0-9a-f]\}):aaaa$/.exec(claimed!)?.[1]
    expect(group).toBeDefined()
    expect(store.has(`captchala:replay:${group}:remembered-since`)).toBe(true)
    // The shard holding this group restarts empty: its marker goes with its claims, and is noticed.
    for (const key of [...store.keys()]) if (key.includes(group!)) store.delete(key)
    t = 5_000
    expect(await guard.rememberedSince('aaaa')).toBe(5_000)
    // every group but the restarted one still remembers from the start
    const markers = [...store.entries()].filter(([key]) => key.endsWith('remembered-since'))
    expect(markers).toHaveLength(16)
    expect(markers.filter(([, since]) => since === '5000')).toHaveLength(1)
  })
})
