import { type ChildProcess, spawn } from 'node:child_process'
import { createServer } from 'node:net'
import { fileURLToPath } from 'node:url'
import { startEmulator } from '@captchala/emulator'
import { Redis } from 'ioredis'
import { afterAll, beforeAll, expect, it } from 'vitest'

// Three backend processes behind one Redis, as a site with several instances runs: a token the site
// accepts without the main API's single-use check must still be accepted exactly once.

const MAIN = fileURLToPath(new URL('../dist/main.js', import.meta.url))
const children: ChildProcess[] = []
let emu: Awaited<ReturnType<typeof startEmulator>>
let redisPort: number
let backends: string[] = []

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number }
      server.close(() => resolve(port))
    })
    server.on('error', reject)
  })

// Resolves with the first stdout line that matches, once the process says it is listening.
function run(command: string, args: string[], env: Record<string, string>, ready: RegExp) {
  const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
  children.push(child)
  return new Promise<string>((resolve, reject) => {
    let seen = ''
    const onData = (chunk: Buffer) => {
      seen += chunk
      const match = ready.exec(seen)
      if (match) resolve(match[1] ?? match[0])
    }
    child.stdout!.on('data', onData)
    child.stderr!.on('data', (chunk) => (seen += chunk))
    child.on('exit', (code) => reject(new Error(`${command} exited with ${code}: ${seen.slice(-500)}`)))
  })
}

beforeAll(async () => {
  redisPort = await freePort()
  await run(
    'redis-server',
    ['--port', String(redisPort), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    {},
    /Ready to accept connections/,
  )
  emu = await startEmulator({ port: 0 })
  backends = await Promise.all(
    [0, 1, 2].map(() =>
      run(
        process.execPath,
        [MAIN],
        {
          PORT: '0',
          CAPTCHALA_BASE_URL: emu.url,
          REDIS_URL: `redis://127.0.0.1:${redisPort}`,
          RATE_LIMIT_MAX: '100000',
          APP_ENV: 'test',
        },
        /listening on (http:\/\/\S+)/,
      ),
    ),
  )
})

afterAll(async () => {
  for (const child of children) child.kill('SIGTERM')
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

it('300 concurrent submissions of one client-only token across 3 instances: exactly one succeeds', async () => {
  expect(backends).toHaveLength(3)
  expect(await storm(`client_${Math.random().toString(36).slice(2)}`)).toEqual({
    ok: 1,
    replayed: 299,
    server: 0,
  })
  // the guard's keys are in the shared Redis, hashed
  const redis = new Redis({ port: redisPort, host: '127.0.0.1' })
  const keys = await redis.keys('captchala:replay:*')
  expect(keys).toHaveLength(1)
  expect(keys[0]).toMatch(/^captchala:replay:[0-9a-f]{64}$/)
  await redis.quit()
})

it('the same for an offline_ token from the bypass worker', async () => {
  const issued = await fetch(`${emu.url}/bypass/issue`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ app_key: 'demo_app', action: 'login' }),
  }).then((r) => r.json() as Promise<{ data: { token: string } }>)
  expect(await storm(issued.data.token)).toEqual({ ok: 1, replayed: 299, server: 0 })
})
