import { afterEach, describe, expect, it, vi } from 'vitest'
import { memoryReplayGuard } from './ReplayGuard'

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
