import { startEmulator } from '@captchala/emulator'
import { emulatorControl } from '@captchala/kit-testing/emulator-control'
import { Redis } from 'ioredis'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { freePort, GENEROUS_DEADLINES, startBackends, startRedis, stopAll, until } from './processes'
import { login, storm } from './storm'

// Three backend processes behind one Redis, as a site with several instances runs: a token the site
// accepts without the main API's single-use check must still be accepted exactly once.

let emu: Awaited<ReturnType<typeof startEmulator>>
let redisPort: number
let backends: string[] = []
/** The emulator's log: one JSON line per answer. */
const answered: { path: string; status: number }[] = []
const { faults, post, mint } = emulatorControl(() => emu.url)
const validations = () => answered.filter((line) => line.path === '/v1/validate').length

beforeAll(async () => {
  redisPort = await freePort()
  await startRedis(redisPort)
  emu = await startEmulator({ port: 0, log: (line) => answered.push(JSON.parse(line)) })
  backends = await startBackends(3, {
    // Generous deadlines: 300 logins at once on a loaded 2-core machine are slow, not broken.
    ...GENEROUS_DEADLINES,
    CAPTCHALA_BASE_URL: emu.url,
    REDIS_URL: `redis://127.0.0.1:${redisPort}`,
    RATE_LIMIT_MAX: '100000',
  })
})

afterAll(async () => {
  stopAll()
  await emu?.close()
})

it('main down: 300 concurrent submissions of one offline_ token across 3 instances, one succeeds (single-use at the backup)', async () => {
  await faults({ main: 'down' })
  const issued = await post('/bypass/issue', { app_key: 'demo_app', action: 'login' })
  expect(await storm(backends, issued.data.token!)).toEqual({
    ok: 1,
    replayed: 299,
    unavailable: 0,
    server: 0,
  })
  await faults({ main: 'up' })
})

it('main and backup down: the same for a client-only token (single-use through the shared guard)', async () => {
  expect(backends).toHaveLength(3)
  await faults({ main: 'down', backup: 'down' })
  expect(await storm(backends, `client_${Math.random().toString(36).slice(2)}`)).toEqual({
    ok: 1,
    replayed: 299,
    unavailable: 0,
    server: 0,
  })
  // the guard's keys are in the shared Redis, hashed, under a group's hash tag (beside the groups' markers)
  const redis = new Redis({ port: redisPort, host: '127.0.0.1' })
  const keys = (await redis.keys('captchala:replay:*')).filter((key) => !key.endsWith('remembered-since'))
  expect(keys).toHaveLength(1)
  expect(keys[0]).toMatch(/^captchala:replay:\{[0-9a-f]\}:[0-9a-f]{64}$/)
  await redis.quit()
  await faults({ main: 'up', backup: 'up' })
})

it('CaptchaLa back after an outage: every instance accepts logins again without a visitor paying for the probe', async () => {
  // An outage that answers (a 500), so that every request shows in the emulator's log.
  await faults({ main: 'error500' })
  // three logins each open every instance's breaker for the main API
  for (const backend of backends) {
    for (let call = 0; call < 3; call++) expect((await login(backend, await mint())).status).toBe(503)
  }
  const health = async (backend: string) =>
    (
      (await fetch(`${backend}/api/health`).then((r) => r.json())) as {
        captchala: { main: { state: string; probing: boolean } }
      }
    ).captchala.main
  // Open, or half-open while a probe is on its way (a loaded machine reaches this check more than a
  // cooldown after the first breaker opened, and the probe may be in flight then).
  for (const backend of backends) {
    const main = await health(backend)
    expect(main.probing).toBe(true)
    expect(['open', 'half-open']).toContain(main.state)
  }

  // No visitor sends anything now: whatever reaches /v1/validate is a probe.
  const quietFrom = { at: Date.now(), validations: validations() }
  await until(() => validations() >= quietFrom.validations + 2 * backends.length, 'two probes per instance')
  const probesPerSecond =
    (validations() - quietFrom.validations) / backends.length / ((Date.now() - quietFrom.at) / 1000)

  await faults({ main: 'up' })
  const back = Date.now()
  // No login is sent until the background probes have closed every breaker: the first one is accepted.
  const closedAfter = await Promise.all(
    backends.map(async (backend) => {
      await until(
        async () => (await health(backend)).state === 'closed',
        'the probe to close the breaker',
        50,
      )
      return Date.now() - back
    }),
  )
  for (const backend of backends) {
    expect(await login(backend, await mint())).toEqual({ status: 200, error: undefined })
  }
  // None while closed: after a second and a half with no visitor, not one more request.
  const closedAt = validations()
  await new Promise((resolve) => setTimeout(resolve, 1_500))
  expect(validations()).toBe(closedAt)
  console.log(
    `probes while open: ${probesPerSecond.toFixed(2)} a second per instance; CaptchaLa back: each breaker closed by its probe ${closedAfter.join(' / ')} ms later, then a login accepted on each`,
  )
})
