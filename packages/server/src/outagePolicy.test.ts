import { describe, expect, it, vi } from 'vitest'
import {
  type ClientOptions,
  createClient,
  memoryReplayGuard,
  type RedisCommands,
  type ReplayGuard,
  redisReplayGuard,
} from './index'

const BACKUP = 'http://backup.test/api/validate'

type Behaviour = 'valid' | 'invalid' | 'down' | 'hang'

/** A CaptchaLa whose main API and backup each behave as the test says; counts the requests each got. */
function fakeCaptchala(behaviour: { main: Behaviour; backup: Behaviour }) {
  const requests = { main: 0, backup: 0 }
  const fetch = vi.fn(async (url: string | URL | Request, init?: RequestInit) => {
    const which = String(url).startsWith('http://main.test') ? 'main' : 'backup'
    requests[which]++
    const body = JSON.parse(String(init?.body)) as { pass_token: string }
    switch (behaviour[which]) {
      case 'down':
        throw new TypeError('fetch failed')
      case 'hang':
        return new Promise<Response>((_, reject) =>
          init?.signal?.addEventListener('abort', () => reject(init.signal?.reason)),
        )
      case 'invalid':
        return Response.json({ code: 0, data: { valid: false, error: 'invalid_token' } })
      case 'valid':
        return Response.json({
          code: 0,
          data: { valid: true, action: 'login', challenge_id: `ch_${body.pass_token.length}` },
        })
    }
  })
  return { fetch: fetch as typeof globalThis.fetch, requests, behaviour }
}

const clientFor = (net: ReturnType<typeof fakeCaptchala>, options: Partial<ClientOptions> = {}) =>
  createClient({
    appKey: 'k',
    appSecret: 's',
    baseUrl: 'http://main.test',
    backupUrl: BACKUP,
    fetch: net.fetch,
    retries: 0,
    policy: { clientOnly: true },
    ...options,
  })

describe('a token that claims an outage is judged by what this server sees', () => {
  it('a forged client_ / co_ token is refused while the main API answers, after one request', async () => {
    const net = fakeCaptchala({ main: 'invalid', backup: 'invalid' })
    const client = clientFor(net)
    for (const token of ['client_forged', 'co_forged']) {
      const result = await client.validate(token, { expectedAction: 'login' })
      expect(result).toMatchObject({
        valid: false,
        verified: true,
        error: 'outage_not_seen',
        clientOnly: true,
      })
    }
    expect(net.requests).toEqual({ main: 2, backup: 0 })
  })

  it('a client_ token is refused while the backup answers, even with the main API down', async () => {
    const net = fakeCaptchala({ main: 'down', backup: 'invalid' })
    const result = await clientFor(net).validate('client_x')
    expect(result).toMatchObject({ valid: false, error: 'outage_not_seen' })
  })

  it('with both down: accepted once (not verified), refused the second time', async () => {
    const net = fakeCaptchala({ main: 'down', backup: 'down' })
    const client = clientFor(net)
    expect(await client.validate('client_x')).toMatchObject({
      valid: true,
      verified: false,
      clientOnly: true,
    })
    expect(await client.validate('client_x')).toMatchObject({ valid: false, error: 'token_replayed' })
  })

  it('with both down but a guard that lost its memory during the outage: refused, never taken for new', async () => {
    const net = fakeCaptchala({ main: 'down', backup: 'down' })
    let since = 0
    const forgetful: ReplayGuard = { ...memoryReplayGuard(), rememberedSince: async () => since }
    const client = clientFor(net, { replayGuard: forgetful })
    expect(await client.validate('client_x')).toMatchObject({ valid: true })
    since = Date.now() + 1 // the store restarted empty after the outage began
    expect(await client.validate('client_x')).toMatchObject({
      valid: false,
      error: 'replay_guard_unavailable',
    })
  })

  it('the default policy refuses client-only without asking anyone', async () => {
    const net = fakeCaptchala({ main: 'down', backup: 'down' })
    const result = await clientFor(net, { policy: {} }).validate('client_x')
    expect(result).toMatchObject({ valid: false, error: 'client_only_rejected' })
    expect(net.requests).toEqual({ main: 0, backup: 0 })
  })

  it('offline_ is refused while the main API answers; validated at the backup once it fails', async () => {
    const net = fakeCaptchala({ main: 'invalid', backup: 'valid' })
    const client = clientFor(net)
    expect(await client.validate('offline_x')).toMatchObject({ valid: false, error: 'outage_not_seen' })
    expect(net.requests.backup).toBe(0)
    net.behaviour.main = 'down'
    expect(await client.validate('offline_x', { expectedAction: 'login' })).toMatchObject({
      valid: true,
      verified: true,
      offline: true,
    })
    expect(net.requests.backup).toBe(1)
  })

  it('offlineWhileMainUp accepts offline_ whenever the backup says valid', async () => {
    const net = fakeCaptchala({ main: 'invalid', backup: 'valid' })
    const client = clientFor(net, { policy: { offlineWhileMainUp: true } })
    expect(await client.validate('offline_x')).toMatchObject({ valid: true, verified: true })
    expect(net.requests).toEqual({ main: 0, backup: 1 })
  })
})

describe('upstream health: one deadline, a circuit breaker per URL', () => {
  it('a hanging main API is given up at the deadline, retries included', async () => {
    const net = fakeCaptchala({ main: 'hang', backup: 'hang' })
    const client = clientFor(net, { timeoutMs: 100, retries: 2 })
    const result = await client.validate('pt_x')
    // the request may have reached CaptchaLa: its answer is lost, and it is not sent again
    expect(result).toMatchObject({ valid: false, verified: false, error: 'answer_lost' })
    // the deadline ended the first attempt, and with it the retries
    expect(net.requests.main).toBe(1)
  })

  it('opens after three calls without an answer: the next ones send nothing; a probe closes it again', async () => {
    // Fake time (the breaker's cooldown reads Date.now): a loaded machine once spent the whole 50 ms cooldown
    // between two lines, and the call that had to find the breaker open found it half-open.
    vi.useFakeTimers()
    try {
      const net = fakeCaptchala({ main: 'down', backup: 'down' })
      const client = clientFor(net, { breakerFailures: 3, breakerCooldownMs: 50 })
      for (let i = 0; i < 3; i++) await client.validate('pt_x')
      expect(client.health().main).toMatchObject({ state: 'open', failingSince: expect.any(Number) })
      const before = net.requests.main
      expect(await client.validate('pt_x')).toMatchObject({ error: 'request_failed' })
      expect(net.requests.main).toBe(before)
      net.behaviour.main = 'valid'
      await vi.advanceTimersByTimeAsync(60)
      expect(await client.validate('pt_x')).toMatchObject({ valid: true })
      expect(client.health().main).toEqual({ state: 'closed', failingSince: null, probing: false })
    } finally {
      vi.useRealTimers()
    }
  })

  it('reads the time from the injected clock: since when a URL fails, when an answer has none', async () => {
    const net = fakeCaptchala({ main: 'down', backup: 'down' })
    const client = clientFor(net, { now: () => 1_750_000_000_000 })
    await client.validate('pt_x')
    expect(client.health().main.failingSince).toBe(1_750_000_000_000)
  })

  it('a verdict is an answer: refusals never open the breaker', async () => {
    const net = fakeCaptchala({ main: 'invalid', backup: 'invalid' })
    const client = clientFor(net, { breakerFailures: 2 })
    for (let i = 0; i < 5; i++) await client.validate('pt_x')
    expect(client.health().main.state).toBe('closed')
    expect(net.requests.main).toBe(5)
  })
})

describe('the replay guard never makes a request wait long', () => {
  it('a guard that does not answer in time refuses the token (replay_guard_unavailable)', async () => {
    const net = fakeCaptchala({ main: 'down', backup: 'down' })
    const stuck: ReplayGuard = {
      claim: () => new Promise(() => {}),
      rememberedSince: async () => 0,
    }
    const result = await clientFor(net, { replayGuard: stuck, guardTimeoutMs: 20 }).validate('client_x')
    expect(result).toMatchObject({ valid: false, error: 'replay_guard_unavailable' })
  })

  it('a guard that fails refuses the token too; a pass token never needs it', async () => {
    const failing: ReplayGuard = {
      claim: async () => {
        throw new Error('redis down')
      },
      rememberedSince: async () => 0,
    }
    const down = fakeCaptchala({ main: 'down', backup: 'down' })
    expect(await clientFor(down, { replayGuard: failing }).validate('client_x')).toMatchObject({
      error: 'replay_guard_unavailable',
    })
    const up = fakeCaptchala({ main: 'valid', backup: 'valid' })
    expect(await clientFor(up, { replayGuard: failing }).validate('pt_x')).toMatchObject({ valid: true })
  })
})

describe('a shared guard that restarts empty while a claim is out', () => {
  it('a replay whose claim was lost and made again on the emptied store is refused, not taken for first', async () => {
    const store = new Map<string, string>()
    let restartOnNextClaim = false
    const redis: RedisCommands = {
      async set(key, value, { NX, PX }) {
        const landed = !(NX && store.has(key))
        if (landed) store.set(key, value)
        // A claim lands, the connection drops before its reply, and the store restarts empty.
        if (PX && restartOnNextClaim) {
          restartOnNextClaim = false
          store.clear()
          throw new Error('Connection is closed.')
        }
        return landed ? 'OK' : null
      },
      get: async (key) => store.get(key) ?? null,
    }
    const net = fakeCaptchala({ main: 'down', backup: 'down' })
    const client = clientFor(net, { replayGuard: redisReplayGuard(redis) })
    expect(await client.validate('client_x')).toMatchObject({ valid: true })
    await new Promise((resolve) => setTimeout(resolve, 5)) // the restart comes after the outage began
    restartOnNextClaim = true
    // The read-back finds nothing and claims again; only the check of the guard's memory after it sees
    // that the store forgot, and the replay is refused.
    expect(await client.validate('client_x')).toMatchObject({
      valid: false,
      error: 'replay_guard_unavailable',
    })
  })
})
