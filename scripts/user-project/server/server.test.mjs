// @vitest-environment node
// The server README's Express quick start (server.mjs, pasted as it stands by userProject.mjs) run as its own
// process against the packed emulator: each validation is one JSON line of pino with the record's fields,
// and none holds the secret or the token.
import { spawn } from 'node:child_process'
import { createServer } from 'node:net'
import { startEmulator } from '@captchala/emulator'
import { afterAll, beforeAll, expect, it } from 'vitest'

const SECRET = 'demo_secret'
let emulator
let server
let base
const lines = []

const freePort = () =>
  new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address()
      probe.close(() => resolve(port))
    })
  })

async function answering(url) {
  for (;;) {
    try {
      return await fetch(url)
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
  }
}

beforeAll(async () => {
  emulator = await startEmulator({ port: 0 })
  const port = await freePort()
  base = `http://127.0.0.1:${port}`
  server = spawn(process.execPath, ['server/server.mjs'], {
    env: {
      ...process.env,
      CAPTCHALA_APP_KEY: 'demo_app',
      CAPTCHALA_APP_SECRET: SECRET,
      CAPTCHALA_BASE_URL: emulator.url,
      NODE_ENV: 'staging',
      PORT: String(port),
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  let pending = ''
  server.stdout.on('data', (chunk) => {
    const parts = (pending + chunk).split('\n')
    pending = parts.pop() ?? ''
    lines.push(...parts.filter(Boolean).map((line) => JSON.parse(line)))
  })
  await answering(base)
}, 120_000)
afterAll(async () => {
  server?.kill()
  await emulator?.close()
})

const login = async (body) =>
  fetch(`${base}/api/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-request-id': 'req-1' },
    body: JSON.stringify(body),
  })

it('logs one JSON line per validation with the record`s fields, never the secret or the token', {
  timeout: 120_000,
}, async () => {
  const minted = await fetch(`${emulator.url}/__emulator/tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ appKey: 'demo_app', action: 'login' }),
  })
  const token = (await minted.json()).data.token
  expect((await login({ captchala_token: token })).status).toBe(200)
  const replay = await login({ captchala_token: token })
  expect(replay.status).toBe(403)
  const refusal = await replay.json()
  expect(refusal).toMatchObject({
    ok: false,
    error: 'token_already_used',
    category: 'token',
    requestId: 'req-1',
  })
  expect((await login({})).status).toBe(403)

  await expect.poll(() => lines.length, { timeout: 60_000 }).toBe(3)
  expect(lines[0]).toMatchObject({
    msg: 'captchala',
    call: 'validate',
    requestId: 'req-1',
    timestamp: expect.any(String),
    environment: 'staging',
    appKey: 'demo_app',
    answeredBy: 'emulator',
    expectedAction: 'login',
    action: 'login',
    token: { id: refusal.tokenId, prefix: 'pt_', length: token.length, type: 'pass' },
    upstream: 'main',
    upstreamStatus: 200,
    attempts: 1,
    latencyMs: expect.any(Number),
    breakers: { main: 'closed', backup: 'closed' },
    result: 'ok',
    code: null,
    category: null,
    platform: expect.any(String),
  })
  expect(lines[1]).toMatchObject({
    result: 'refused',
    code: 'token_already_used',
    category: 'token',
    level: 40,
  })
  expect(lines[2]).toMatchObject({ result: 'refused', code: 'empty_token', token: null })
  const text = JSON.stringify(lines)
  expect(text).not.toContain(SECRET)
  expect(text).not.toContain(token.slice(3))
})

// The doctor as the README runs it: `npx @captchala/server` from the installed tarball, the secret in the
// environment, against the packed emulator.
it('npx @captchala/server (captchala-doctor): a healthy setup, then a secret of another app', async () => {
  const doctor = (secret) =>
    new Promise((resolve) => {
      const run = spawn('npx', ['--no-install', '@captchala/server', '--json'], {
        env: {
          ...process.env,
          CAPTCHALA_APP_KEY: 'demo_app',
          CAPTCHALA_APP_SECRET: secret,
          CAPTCHALA_BASE_URL: emulator.url,
        },
        stdio: ['ignore', 'pipe', 'inherit'],
      })
      let output = ''
      run.stdout.on('data', (chunk) => {
        output += chunk
      })
      run.on('close', (code) => resolve({ code, output }))
    })
  const healthy = await doctor(SECRET)
  expect(healthy.code).toBe(0)
  expect(JSON.parse(healthy.output)).toMatchObject({ ok: true, problems: 0 })
  expect(healthy.output).not.toContain(SECRET)
  const wrong = await doctor('test_secret')
  expect(wrong.code).toBe(1)
  const report = JSON.parse(wrong.output)
  expect(report.checks).toContainEqual(
    expect.objectContaining({
      verdict: 'problem',
      stage: 'config',
      fix: expect.stringContaining('check appSecret'),
    }),
  )
  expect(wrong.output).not.toContain('test_secret')
}, 120_000)
