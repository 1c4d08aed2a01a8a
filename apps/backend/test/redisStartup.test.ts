import { startEmulator } from '@captchala/emulator'
import { emulatorControl } from '@captchala/kit-testing/emulator-control'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { freePort, startBackends, startRedis, stopAll, until } from './processes'
import { login } from './storm'

// Autoscaling during a Redis incident: a backend started while Redis is down must listen and serve (pass
// tokens need no Redis), refuse what needs the replay guard, and join Redis when it comes.

let emu: Awaited<ReturnType<typeof startEmulator>>
const { faults, mint } = emulatorControl(() => emu.url)

beforeAll(async () => {
  emu = await startEmulator({ port: 0 })
})
afterAll(async () => {
  stopAll()
  await emu?.close()
})

it('starts with Redis stopped, serves pass tokens, refuses guard-backed ones, and joins Redis when it starts', async () => {
  const redisPort = await freePort()
  const [backend] = await startBackends(1, {
    CAPTCHALA_BASE_URL: emu.url,
    REDIS_URL: `redis://127.0.0.1:${redisPort}`,
  })
  const health = async () =>
    (await fetch(`${backend}/api/health`).then((r) => r.json())) as { redis: string; replayGuard: string }
  expect((await health()).redis).not.toBe('ready')
  expect((await health()).replayGuard).not.toBe('ready')
  expect(await login(backend!, await mint())).toEqual({ status: 200, error: undefined })

  await faults({ main: 'down', backup: 'down' })
  expect(await login(backend!, 'client_before_redis')).toEqual({
    status: 503,
    error: 'replay_guard_unavailable',
  })

  await startRedis(redisPort)
  // Both connections: the rate limits' and the replay guard's, its markers written (the guard's connection
  // may come up to a reconnection delay later than the other: an outage before that is not covered).
  await until(async () => (await health()).redis === 'ready', 'the backend to join Redis')
  await until(async () => (await health()).replayGuard === 'ready', 'the replay guard to mark its groups')
  // The outage that began before Redis came cannot be vouched for (nothing says what an empty Redis
  // forgot); once it ends, the next one is covered by the joined guard, with no restart.
  await faults({ main: 'up', backup: 'up' })
  const breakers = async () =>
    (
      (await fetch(`${backend}/api/health`).then((r) => r.json())) as {
        captchala: Record<string, { state: string }>
      }
    ).captchala
  await until(
    async () => Object.values(await breakers()).every((b) => b.state === 'closed'),
    'CaptchaLa to be seen again',
  )
  expect(await login(backend!, await mint())).toEqual({ status: 200, error: undefined })
  await faults({ main: 'down', backup: 'down' })
  expect(await login(backend!, 'client_after_redis')).toEqual({ status: 200, error: undefined })
  expect(await login(backend!, 'client_after_redis')).toEqual({ status: 403, error: 'token_replayed' })
  await faults({ main: 'up', backup: 'up' })
})
