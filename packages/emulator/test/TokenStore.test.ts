import { afterEach, describe, expect, it, vi } from 'vitest'
import { memoryStore } from '../src/TokenStore'

describe('memoryStore', () => {
  afterEach(() => {
    vi.restoreAllMocks()
  })

  it('keeps values until their ttl and claims a key for the first caller only', async () => {
    let t = 0
    const store = memoryStore(() => t)
    await store.set('a', { n: 1 }, 1_000)
    expect(await store.claim('c', 1_000)).toBe(true)
    expect(await store.claim('c', 1_000)).toBe(false)
    t = 999
    expect(await store.get('a')).toEqual({ n: 1 })
    t = 1_000
    expect(await store.get('a')).toBeUndefined()
    expect(await store.claim('c', 1_000)).toBe(true)
  })

  it('does not walk every entry on each write once it is full of live ones', async () => {
    const store = memoryStore(() => 0)
    for (let i = 0; i < 50_000; i++) await store.set(`live${i}`, i, 60_000)
    const walks = vi.spyOn(Map.prototype, Symbol.iterator)
    for (let i = 0; i < 1_000; i++)
      await (i % 2 ? store.set(`more${i}`, i, 60_000) : store.claim(`more${i}`, 60_000))
    expect(walks.mock.calls.length).toBeLessThanOrEqual(1)
    expect(await store.get('live0')).toBe(0)
  })
})
