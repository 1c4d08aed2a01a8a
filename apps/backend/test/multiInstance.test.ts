import { startEmulator } from '@captchala/emulator'
import { Redis } from 'ioredis'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { emulatorControl } from './emulatorControl'
import { freePort, startBackends, startRedis, stopAll } from './processes'

// Three backend processes behind one Redis, as a site with several instances runs: a token the site
// accepts without the main API's single-use check must still be accepted exactly once.

let emu: Awaited<ReturnType<typeof startEmulator>>
let redisPort: number
let backends: string[] = []
const { faults, post } = emulatorControl(() => emu.url)

beforeAll(async () => {
  redisPort = await freePort()
  await startRedis(redisPort)
  emu = await startEmulator({ port: 0 })
  backends = await startBackends(3, {
    CAPTCHALA_BASE_URL: emu.url,
    REDIS_URL: `redis://127.0.0.1:${redisPort}`,
    RATE_LIMIT_MAX: '100000',
  })
})

afterAll(async () => {
  stopAll()
  await emu?.close()
})

async function storm(token: string) {
  const answers = await Promise.all(
    Array.from({ length: 300 }, (_, i) =>
      fetch(`${backends[i % 3]}/api/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'a@b.c', captchala_token: token }),
      }).then(async (res) => ({ status: res.status, body: (await res.json()) as { error?: string } })),
    ),
  )
  return {
    ok: answers.filter((a) => a.status === 200).length,
    replayed: answers.filter(
      (a) => a.status === 403 && ['token_replayed', 'token_already_used'].includes(a.body.error ?? ''),
    ).length,
    server: answers.filter((a) => a.status >= 500).length,
  }
}

it('main down: 300 concurrent submissions of one offline_ token across 3 instances, one succeeds (single-use at the backup)', async () => {
  await faults({ main: 'down' })
  const issued = await post('/bypass/issue', { app_key: 'demo_app', action: 'login' })
  expect(await storm(issued.data.token!)).toEqual({ ok: 1, replayed: 299, server: 0 })
  await faults({ main: 'up' })
})

it('main and backup down: the same for a client-only token (single-use through the shared guard)', async () => {
  expect(backends).toHaveLength(3)
  await faults({ main: 'down', backup: 'down' })
  expect(await storm(`client_${Math.random().toString(36).slice(2)}`)).toEqual({
    ok: 1,
    replayed: 299,
    server: 0,
  })
  // the guard's keys are in the shared Redis, hashed (beside the marker of since when it remembers)
  const redis = new Redis({ port: redisPort, host: '127.0.0.1' })
  const keys = (await redis.keys('captchala:replay:*')).filter((key) => !key.endsWith('remembered-since'))
  expect(keys).toHaveLength(1)
  expect(keys[0]).toMatch(/^captchala:replay:[0-9a-f]{64}$/)
  await redis.quit()
  await faults({ main: 'up', backup: 'up' })
})
