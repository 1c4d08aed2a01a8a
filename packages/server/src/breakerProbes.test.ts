import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createClient } from './index'

// While a breaker is open, the client asks its URL in the background about once a second with a call that
// consumes nothing, and closes it on the first answer: visitors find CaptchaLa again without one of them
// paying for the probe. Time is the test's (Vitest's fake timers move Date too, which the breaker reads).

const SECOND = 1_000

/** A CaptchaLa whose URLs are up or down as the test says; it logs every request (path and body). */
function fakeCaptchala() {
  const up = { validate: false, backup: false, issue: false }
  /** every request hangs until its deadline (a URL that accepts connections and never answers) */
  const hung = { now: false }
  const log: { path: string; body: Record<string, unknown> }[] = []
  const fetch = vi.fn(async (url: string | URL | Request, init?: RequestInit) => {
    const path = new URL(String(url)).pathname
    const body = JSON.parse(String(init?.body)) as Record<string, unknown>
    log.push({ path, body })
    if (hung.now) {
      return new Promise<Response>((_, reject) =>
        init?.signal?.addEventListener('abort', () => reject(init.signal?.reason)),
      )
    }
    const which = path === '/v1/validate' ? 'validate' : path === '/api/validate' ? 'backup' : 'issue'
    if (!up[which]) throw new TypeError('fetch failed')
    if (which === 'issue')
      return Response.json({ code: 1, msg: 'invalid_action', data: { error: 'invalid_action' } })
    const known = body.pass_token === 'pt_good'
    return Response.json({
      code: 0,
      data: known ? { valid: true, action: 'login' } : { valid: false, error: 'invalid_token' },
    })
  })
  const requestsTo = (path: string) => log.filter((entry) => entry.path === path)
  return { fetch: fetch as typeof globalThis.fetch, up, hung, log, requestsTo }
}

const clientFor = (net: ReturnType<typeof fakeCaptchala>, probeInBackground = true, retries = 0) =>
  createClient({
    appKey: 'k',
    appSecret: 's',
    baseUrl: 'http://main.test',
    backupUrl: 'http://backup.test/api/validate',
    fetch: net.fetch,
    retries,
    probeInBackground,
  })

const openMainBreaker = async (client: ReturnType<typeof clientFor>) => {
  for (let call = 0; call < 3; call++) await client.validate('pt_visitor')
  expect(client.health().main.state).toBe('open')
}

beforeEach(() => {
  vi.useFakeTimers()
})
afterEach(() => {
  vi.useRealTimers()
})

describe('background probes of an open breaker', () => {
  it('probe a second after it opened, then once a second, and close it on the first answer', async () => {
    const net = fakeCaptchala()
    const client = clientFor(net)
    await openMainBreaker(client)
    expect(client.health().main.probing).toBe(true)
    const visitorCalls = net.requestsTo('/v1/validate').length
    await vi.advanceTimersByTimeAsync(SECOND - 1)
    expect(net.requestsTo('/v1/validate')).toHaveLength(visitorCalls)
    await vi.advanceTimersByTimeAsync(1)
    expect(net.requestsTo('/v1/validate')).toHaveLength(visitorCalls + 1)
    // five more seconds down: one probe a second, one at a time
    await vi.advanceTimersByTimeAsync(5 * SECOND)
    const probes = net.requestsTo('/v1/validate').slice(visitorCalls)
    expect(probes).toHaveLength(6)
    // each consumes nothing: a kept check of a token no visitor holds
    for (const probe of probes)
      expect(probe.body).toEqual({ pass_token: 'pt_captchala_probe', keep_token: true })
    expect(client.health().main.state).toBe('open')

    net.up.validate = true
    await vi.advanceTimersByTimeAsync(SECOND)
    expect(client.health().main).toEqual({ state: 'closed', failingSince: null, probing: false })
    // the next visitor is served at once, with no visitor request made in between
    const before = net.requestsTo('/v1/validate').length
    expect(await client.validate('pt_good')).toMatchObject({ valid: true })
    expect(net.requestsTo('/v1/validate')).toHaveLength(before + 1)
    // none while closed
    await vi.advanceTimersByTimeAsync(10 * SECOND)
    expect(net.requestsTo('/v1/validate')).toHaveLength(before + 1)
    client.close()
  })

  it('the backup and the issue URL are probed the same way, each on its own', async () => {
    const net = fakeCaptchala()
    const client = clientFor(net)
    // offline_ tokens while the main API and the backup are both down: both breakers open
    for (let call = 0; call < 3; call++) await client.validate('offline_visitor')
    expect(client.health().backup).toMatchObject({ state: 'open', probing: true })
    await vi.advanceTimersByTimeAsync(3 * SECOND)
    const backupProbes = net.requestsTo('/api/validate').slice(3)
    expect(backupProbes).toHaveLength(3)
    for (const probe of backupProbes)
      expect(probe.body).toEqual({ pass_token: 'pt_captchala_probe', keep_token: true })
    net.up.backup = true
    await vi.advanceTimersByTimeAsync(SECOND)
    expect(client.health().backup.state).toBe('closed')
    expect(client.health().main.state).toBe('open')

    for (let call = 0; call < 3; call++) await client.issueServerToken({ action: 'login' })
    expect(client.health().issue).toMatchObject({ state: 'open', probing: true })
    await vi.advanceTimersByTimeAsync(3 * SECOND)
    expect(net.requestsTo('/v1/server/challenge/issue')).toHaveLength(3 + 3)
    // an issue probe names no action: it issues nothing
    expect(net.requestsTo('/v1/server/challenge/issue').at(-1)?.body).toEqual({})
    net.up.issue = true
    await vi.advanceTimersByTimeAsync(SECOND)
    expect(client.health().issue.state).toBe('closed')
    client.close()
  })

  it('stop at close(), and never run when switched off (the next call after the cooldown probes instead)', async () => {
    const net = fakeCaptchala()
    const closing = clientFor(net)
    await openMainBreaker(closing)
    closing.close()
    await vi.advanceTimersByTimeAsync(5 * SECOND)
    expect(net.requestsTo('/v1/validate')).toHaveLength(3)

    const serverless = clientFor(net, false)
    await openMainBreaker(serverless)
    expect(serverless.health().main.probing).toBe(false)
    await vi.advanceTimersByTimeAsync(5 * SECOND)
    expect(net.requestsTo('/v1/validate')).toHaveLength(6)
    net.up.validate = true
    expect(await serverless.validate('pt_good')).toMatchObject({ valid: true })
  })

  it('never make visitors wait on a probe that hangs: they are answered at once meanwhile', async () => {
    const net = fakeCaptchala()
    const client = clientFor(net)
    await openMainBreaker(client)
    net.hung.now = true
    await vi.advanceTimersByTimeAsync(SECOND)
    expect(client.health().main.state).toBe('half-open')
    const before = net.requestsTo('/v1/validate').length
    // answered without a request while the probe is out (this would wait on it otherwise)
    expect(await client.validate('pt_visitor')).toMatchObject({ error: 'request_failed' })
    expect(net.requestsTo('/v1/validate')).toHaveLength(before)
    client.close()
  })

  it('make one request each, whatever the calls’ retries', async () => {
    const net = fakeCaptchala()
    const client = clientFor(net, true, 2)
    // visitors' checks that consume nothing are retried: 3 calls, 3 attempts each (the backoff in test time)
    for (let call = 0; call < 3; call++) {
      const checked = client.validate('pt_visitor', { keepToken: true })
      await vi.advanceTimersByTimeAsync(SECOND / 2)
      await checked
    }
    expect(net.requestsTo('/v1/validate')).toHaveLength(9)
    await vi.advanceTimersByTimeAsync(3 * SECOND)
    expect(net.requestsTo('/v1/validate')).toHaveLength(9 + 3)
    client.close()
  })

  it('end at close() even while one is out (its socket must not outlive the client)', async () => {
    const net = fakeCaptchala()
    const client = clientFor(net)
    await openMainBreaker(client)
    net.hung.now = true
    await vi.advanceTimersByTimeAsync(SECOND)
    const probe = vi.mocked(net.fetch).mock.calls.at(-1)![1]!
    expect(probe.signal?.aborted).toBe(false)
    client.close()
    expect(probe.signal?.aborted).toBe(true)
  })

  it('clear their timer at close()', async () => {
    const net = fakeCaptchala()
    const client = clientFor(net)
    await openMainBreaker(client)
    const timers = vi.getTimerCount()
    expect(timers).toBeGreaterThan(0)
    client.close()
    expect(vi.getTimerCount()).toBe(timers - 1)
  })
})
