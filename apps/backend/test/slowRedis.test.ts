import { startEmulator } from '@captchala/emulator'
import { emulatorControl } from '@captchala/kit-testing/emulator-control'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { freePort, startBackends, startRedis, stopAll } from './processes'
import { startSlowReplies } from './slowReplies'
import { type StormOutcome, storm } from './storm'

// A Redis whose replies come late or not at all, under 300 concurrent submissions of one client-only token
// over 3 backends, round after round. A claim whose reply is lost may have landed: the guard reads it back
// before anyone is told the token is spent. Never two acceptances; a round with none only where the winning
// claim's reply and its read-back were both lost (then the winner was told 503, the others "replayed").

const ROUNDS = 10

let emu: Awaited<ReturnType<typeof startEmulator>>
let redisPort: number
const { faults } = emulatorControl(() => emu.url)

beforeAll(async () => {
  redisPort = await freePort()
  await startRedis(redisPort)
  emu = await startEmulator({ port: 0 })
})
afterAll(async () => {
  stopAll()
  await emu?.close()
})

async function rounds(slow: Awaited<ReturnType<typeof startSlowReplies>>, name: string) {
  const backends = await startBackends(3, {
    CAPTCHALA_BASE_URL: emu.url,
    REDIS_URL: `redis://127.0.0.1:${slow.port}`,
    RATE_LIMIT_MAX: '100000',
  })
  await faults({ main: 'down', backup: 'down' })
  const outcomes: StormOutcome[] = []
  for (let round = 0; round < ROUNDS; round++) {
    outcomes.push(await storm(backends, `client_${name}_${round}_${Math.random().toString(36).slice(2)}`))
  }
  await faults({ main: 'up', backup: 'up' })
  console.log(
    `${name}: ${slow.held()} reply chunks held, ${slow.cut()} connections cut after a claim; per round accepted/replayed/503: ${outcomes
      .map((r) => `${r.ok}/${r.replayed}/${r.unavailable}`)
      .join(', ')}`,
  )
  for (const outcome of outcomes) {
    expect(outcome.ok).toBeLessThanOrEqual(1)
    expect(outcome.server).toBe(0)
    // nobody accepted: then the claim that won was answered 503, not taken for a replay
    if (outcome.ok === 0) expect(outcome.unavailable).toBeGreaterThan(0)
  }
  // Not every round lost its winner. How many did depends on how late the replies come against the guard's
  // deadline, so on the machine's load: with held replies, 4 rounds in 10 accepted on a loaded 2-core machine
  // (the count is printed above). Only that some round accepted is asserted: a guard that never accepts
  // fails here, a busy machine does not.
  expect(outcomes.some((outcome) => outcome.ok === 1)).toBe(true)
  return outcomes
}

describe('never two accepted, and not always none', () => {
  it('one chunk of replies in three held 400 ms (past the rate limits’ 300 ms command timeout)', async () => {
    const slow = await startSlowReplies(redisPort, { every: 3, delayMs: 400 })
    await rounds(slow, 'held replies')
    expect(slow.held()).toBeGreaterThan(0)
    slow.close()
  })

  it('the connection cut after every claim that reaches Redis: the claim landed, its reply is lost', async () => {
    const slow = await startSlowReplies(redisPort, { every: 1_000_000, cutEvery: 1 })
    await rounds(slow, 'lost replies')
    expect(slow.cut()).toBeGreaterThan(0)
    slow.close()
  })
})
