import type { ChildProcess } from 'node:child_process'
import { connect } from 'node:net'
import { EMULATOR_CONTROL } from '@captchala/contract'
import { startEmulator } from '@captchala/emulator'
import { emulatorControl } from '@captchala/kit-testing/emulator-control'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createBackend, readConfig } from '../src/index'
import { freePort, startRedis, stopAll, until } from './processes'

// The backend when what it depends on fails, and when a client sends what a client should not.

let emu: Awaited<ReturnType<typeof startEmulator>>
let logs: Record<string, unknown>[] = []

const { post: control, faults, mint, reset } = emulatorControl(() => emu.url)

async function start(env: Record<string, string> = {}) {
  const app = await createBackend(readConfig({ CAPTCHALA_BASE_URL: emu.url, ...env }), {
    logger: { level: 'info', stream: { write: (line: string) => logs.push(JSON.parse(line)) } },
  })
  await app.listen({ port: 0, host: '127.0.0.1' })
  const { port } = app.server.address() as { port: number }
  return Object.assign(app, { origin: `http://127.0.0.1:${port}`, port })
}
type Backend = Awaited<ReturnType<typeof start>>

const login = async (backend: Backend, token: string, headers: Record<string, string> = {}) => {
  const res = await fetch(`${backend.origin}/api/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ captchala_token: token }),
  })
  return { status: res.status, body: (await res.json()) as { ok: boolean; error?: string } }
}

beforeAll(async () => {
  emu = await startEmulator({ port: 0 })
})
afterAll(async () => {
  stopAll()
  await emu.close()
})
beforeEach(async () => {
  logs = []
  await reset()
})

describe('what a client sends', () => {
  let backend: Backend
  beforeAll(async () => {
    backend = await start({ TRUSTED_PROXIES: '127.0.0.1' })
  })
  afterAll(() => backend.close())

  it('a return_to with a control character or another site: a JSON answer, never a redirect or a stack', async () => {
    for (const returnTo of ['/ok\u0001', '/a\r\nSet-Cookie: x=1', '/\u007f', '//evil.example', '/\\evil']) {
      const res = await fetch(`${backend.origin}/api/contact`, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ captchala_token: await mint('contact'), return_to: returnTo }),
      })
      expect(res.status, JSON.stringify(returnTo)).toBe(200)
      expect(res.headers.get('location')).toBeNull()
      expect(await res.json()).toMatchObject({ ok: true })
    }
    expect(logs.filter((line) => Number(line.level) >= 50)).toEqual([])
  })

  it('a forwarded address that is not an address is ignored and logged, never sent to CaptchaLa', async () => {
    for (const forwarded of ['not-an-ip', 'unknown', `${'9'.repeat(300)}`, '1.2.3.4, <script>']) {
      const res = await fetch(`${backend.origin}/api/server-token?action=login`, {
        headers: { 'x-forwarded-for': forwarded },
      })
      expect(res.status, forwarded).toBe(200)
      const { serverToken } = (await res.json()) as { serverToken: string }
      // bound to the socket's address: the emulator sees this browser at 127.0.0.1
      const challenge = await control('/v1/sdk/challenge', {
        app_key: 'demo_app',
        action: 'login',
        server_token: serverToken,
      })
      expect(challenge.data.challenge_id, forwarded).toMatch(/^ch_/)
    }
    const token = await mint()
    expect(await login(backend, token, { 'x-forwarded-for': 'garbage' })).toMatchObject({ status: 200 })
    const seen = (await fetch(`${emu.url}${EMULATOR_CONTROL.tokens}/${token}`).then((r) => r.json())) as {
      data: { validatedFor: (string | null)[] }
    }
    expect(seen.data.validatedFor).toEqual(['127.0.0.1'])
    expect(logs.some((line) => line.event === 'forwarded_for_ignored')).toBe(true)
  })

  it('/api/health tells what the backend can reach', async () => {
    const health = await fetch(`${backend.origin}/api/health`).then((r) => r.json())
    expect(health).toMatchObject({
      ok: true,
      captchala: {
        main: { state: 'closed', failingSince: null },
        backup: { state: 'closed', failingSince: null },
      },
      redis: 'not configured',
    })
  })

  it('a sender that trickles its body is cut off, while others are served', async () => {
    const socket = connect(backend.port, '127.0.0.1')
    socket.write(
      'POST /api/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n',
    )
    let sent = 0
    let answer = ''
    socket.on('data', (chunk) => (answer += chunk))
    const closed = new Promise<void>((resolve) => socket.on('close', () => resolve()))
    // One byte every two seconds: the body would take over half an hour. Bounded: 40 bytes at most.
    const trickle = setInterval(() => {
      if (sent < 40 && !socket.destroyed) {
        socket.write('{')
        sent++
      }
    }, 2_000)
    const served = await fetch(`${backend.origin}/api/health`)
    expect(served.status).toBe(200)
    await closed
    clearInterval(trickle)
    expect(sent).toBeLessThan(40) // the server, not the trickle's end, closed it
    expect(answer).toMatch(/^HTTP\/1\.1 408/)
  }, 90_000)
})

describe('a main API that hangs', () => {
  it('each login ends at the deadline; after three, the breaker answers at once without a request', async () => {
    const backend = await start({ CAPTCHALA_BREAKER_COOLDOWN_MS: '600000' })
    await faults({ main: 'hang' })
    const tokens = await Promise.all([mint(), mint(), mint(), mint()])
    const first = await Promise.all(tokens.slice(0, 3).map((token) => login(backend, token)))
    expect(first.map((answer) => answer.status)).toEqual([503, 503, 503])
    const health = await fetch(`${backend.origin}/api/health`).then((r) => r.json())
    expect(health.captchala.main.state).toBe('open')
    expect(await login(backend, tokens[3]!)).toMatchObject({ status: 503, body: { error: 'request_failed' } })
    await backend.close()
  }, 60_000)
})

describe('Redis down under one instance', () => {
  let redis: ChildProcess
  let redisPort: number
  let backend: Backend
  beforeAll(async () => {
    redisPort = await freePort()
    redis = await startRedis(redisPort)
    backend = await start({ REDIS_URL: `redis://127.0.0.1:${redisPort}`, RATE_LIMIT_MAX: '3' })
  })
  afterAll(() => backend.close())

  const health = async () =>
    (await fetch(`${backend.origin}/api/health`).then((r) => r.json())) as {
      redis: string
      replayGuard: string
    }
  const redisStatus = async () => (await health()).redis

  it('no 5xx but the guard-needing 503: pass tokens go on, limits count locally, all recovers when it returns', async () => {
    expect(await redisStatus()).toBe('ready')
    redis.kill('SIGKILL')
    await new Promise((resolve) => redis.once('exit', resolve))

    // Pass tokens: CaptchaLa makes them single-use; the guard is not needed.
    expect(await login(backend, await mint())).toMatchObject({ status: 200 })
    // The rate limit still holds, per instance (3 per window here): the 4th and 5th are 429, never 5xx.
    const statuses = []
    for (let i = 0; i < 4; i++) statuses.push((await login(backend, await mint())).status)
    expect(statuses).toEqual([200, 200, 429, 429])
    expect(logs.some((line) => line.event === 'rate_limit_local')).toBe(true)
    expect(await redisStatus()).not.toBe('ready')
    await backend.close()
  }, 60_000)

  it('recovers on its own when Redis returns: the guard and the shared limits are used again', async () => {
    redisPort = await freePort()
    redis = await startRedis(redisPort)
    backend = await start({ REDIS_URL: `redis://127.0.0.1:${redisPort}` })
    redis.kill('SIGKILL')
    await new Promise((resolve) => redis.once('exit', resolve))
    await faults({ main: 'down', backup: 'down' })
    expect(await login(backend, 'client_one')).toMatchObject({
      status: 503,
      body: { ok: false, error: 'replay_guard_unavailable' },
    })
    redis = await startRedis(redisPort)
    await until(async () => (await redisStatus()) === 'ready', 'the backend to reconnect to Redis')
    // Redis came back empty during the outage: the guard cannot vouch for what it forgot.
    expect(await login(backend, 'client_one')).toMatchObject({
      status: 503,
      body: { error: 'replay_guard_unavailable' },
    })
    // The outage ends: pass tokens as ever. A new outage, after Redis's return and the guard's markers (its own
    // connection may come a reconnection delay later): client-only once again.
    await until(async () => (await health()).replayGuard === 'ready', 'the replay guard to mark its groups')
    await faults({ main: 'up', backup: 'up' })
    expect(await login(backend, await mint())).toMatchObject({ status: 200 })
    await faults({ main: 'down', backup: 'down' })
    expect(await login(backend, 'client_two')).toMatchObject({ status: 200, body: { ok: true } })
    expect(await login(backend, 'client_two')).toMatchObject({
      status: 403,
      body: { error: 'token_replayed' },
    })
  }, 60_000)
})
