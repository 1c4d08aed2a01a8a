// pnpm bench: the backend's /api/login with validation against the emulator beside the same route with
// validation skipped (a client that answers at once), in the same run, as a ratio. Alternating runs,
// medians quoted. Every request after the first meets an already used token: the round trip is the same.
import { spawn } from 'node:child_process'
import { createRequire } from 'node:module'
import autocannon from 'autocannon'
import { createBackend, readConfig } from '../dist/index.js'

const ROUNDS = 3
const DURATION = 4
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]

// The emulator in its own process, as the real service is: the backend's event loop is its own.
const cli = createRequire(import.meta.url)
  .resolve('@captchala/emulator/package.json')
  .replace(/package\.json$/, 'dist/cli.js')
const child = spawn(process.execPath, [cli, '--port', '0', '--quiet'], {
  stdio: ['ignore', 'pipe', 'inherit'],
})
const emu = {
  url: await new Promise((resolve) =>
    child.stdout.on('data', (d) => /(http:\/\/\S+)/.test(d) && resolve(/(http:\/\/\S+)/.exec(d)[1])),
  ),
  close: async () => child.kill('SIGTERM'),
}
const config = readConfig({ CAPTCHALA_BASE_URL: emu.url, RATE_LIMIT_MAX: '1000000' })
const skipped = {
  validate: async () => ({
    valid: true,
    error: null,
    action: 'login',
    tokenType: 'pass',
    degraded: false,
    offline: false,
    clientOnly: false,
    challengeId: null,
    captchaArgs: null,
    upstreamStatus: null,
  }),
  issueServerToken: async () => ({
    ok: false,
    error: 'request_failed',
    serverToken: null,
    expiresIn: null,
    issuedAt: null,
  }),
}
const start = async (client) => {
  const app = await createBackend(config, { logger: false, client })
  await app.listen({ port: 0, host: '127.0.0.1' })
  return { app, url: `http://127.0.0.1:${app.server.address().port}/api/login` }
}
const withValidation = await start(undefined)
const withoutValidation = await start(skipped)
const token = (
  await fetch(`${emu.url}/__emulator/tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ appKey: 'demo_app', action: 'login', ttl: 3600 }),
  }).then((r) => r.json())
).data.token
const body = JSON.stringify({ email: 'a@b.c', password: 'x', captchala_token: token })

const load = (url) =>
  new Promise((resolve, reject) =>
    autocannon(
      {
        url,
        method: 'POST',
        connections: 32,
        duration: DURATION,
        headers: { 'content-type': 'application/json' },
        body,
      },
      (error, r) =>
        error ? reject(error) : resolve({ rps: r.requests.average, p99: r.latency.p99, errors: r.errors }),
    ),
  )
const runs = { skipped: [], validated: [] }
for (let i = 0; i < ROUNDS; i++) {
  runs.skipped.push(await load(withoutValidation.url))
  runs.validated.push(await load(withValidation.url))
}
const m = (key, field) => median(runs[key].map((r) => r[field]))
console.log(
  `bench: /api/login, validation skipped      ${Math.round(m('skipped', 'rps')).toLocaleString('en-US').padStart(8)} req/s  p99 ${m('skipped', 'p99')} ms`,
)
console.log(
  `bench: /api/login, validated by emulator   ${Math.round(m('validated', 'rps')).toLocaleString('en-US').padStart(8)} req/s  p99 ${m('validated', 'p99')} ms`,
)
console.log(
  `bench: validated / skipped                ${(m('validated', 'rps') / m('skipped', 'rps')).toFixed(2)}x throughput (medians of ${ROUNDS} alternating ${DURATION} s runs, 32 connections, both processes on this machine's 2 cores)`,
)
await withValidation.app.close()
await withoutValidation.app.close()
await emu.close()
