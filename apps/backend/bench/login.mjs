// pnpm bench: the backend's /api/login with validation against the emulator beside the same route with
// validation skipped (a client that answers at once), in the same run, as a ratio. Three processes, as in
// production: this one (the backend), the emulator (CaptchaLa), and the load generator (autocannon's CLI), so
// that no two share an event loop. Alternating runs,
// medians quoted. Every request after the first meets an already used token: the round trip is the same.
// Then the main API hung: how long the first logins wait (the deadline), and the throughput and latency
// once the circuit breaker is open, beside the skipped baseline.
import { spawn } from 'node:child_process'
import { Agent, request } from 'node:http'
import { createRequire } from 'node:module'
import { createClient } from '@captchala/server'
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
    verified: true,
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
  health: () => ({
    main: { state: 'closed', failingSince: null },
    backup: { state: 'closed', failingSince: null },
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
// The same backend with the server SDK on the runtime's fetch (its transport before the Node one), for a
// same-run comparison of the two transports.
const throughFetch = await start(
  createClient({
    appKey: config.appKey,
    appSecret: config.appSecret,
    baseUrl: config.baseUrl,
    backupUrl: config.backupUrl,
    fetch: (input, init) => fetch(input, init),
  }),
)
// The floor: the same backend whose "validation" is one bare keep-alive node:http request to the emulator's
// /v1/validate and a JSON parse, no SDK at all (no deadline, retry, breaker, policy or record). No SDK can be
// faster than this; the SDK's own cost is the distance between it and "validated".
const bareAgent = new Agent({ keepAlive: true, maxSockets: 64 })
const bareRequest = (token) =>
  new Promise((resolve, reject) => {
    const body = JSON.stringify({ pass_token: token })
    const outgoing = request(
      `${emu.url}/v1/validate`,
      {
        method: 'POST',
        agent: bareAgent,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          'x-app-key': config.appKey,
          'x-app-secret': config.appSecret,
        },
      },
      (response) => {
        const chunks = []
        response.on('data', (chunk) => chunks.push(chunk))
        response.on('end', () => resolve(JSON.parse(Buffer.concat(chunks).toString('utf8'))))
      },
    )
    outgoing.on('error', reject)
    outgoing.end(body)
  })
const bare = await start({
  ...skipped,
  validate: async (token) => {
    const answer = await bareRequest(token)
    return {
      ...(await skipped.validate()),
      valid: answer.code === 0,
      error: answer.code === 0 ? null : 'invalid_token',
    }
  },
})
const token = (
  await fetch(`${emu.url}/__emulator/tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ appKey: 'demo_app', action: 'login', ttl: 3600 }),
  }).then((r) => r.json())
).data.token
const body = JSON.stringify({ email: 'a@b.c', password: 'x', captchala_token: token })

// autocannon's CLI in its own process, its JSON report read from stdout.
const autocannonCli = createRequire(import.meta.url).resolve('autocannon/autocannon.js')
const load = (url) =>
  new Promise((resolve, reject) => {
    const args = ['-c', '32', '-d', String(DURATION), '-m', 'POST', '-H', 'content-type=application/json']
    const child = spawn(process.execPath, [autocannonCli, ...args, '-b', body, '--json', url], {
      stdio: ['ignore', 'pipe', 'ignore'],
    })
    let output = ''
    child.stdout.on('data', (chunk) => {
      output += chunk
    })
    child.on('error', reject)
    child.on('close', () => {
      const r = JSON.parse(output)
      resolve({ rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, errors: r.errors })
    })
  })
const runs = { skipped: [], bare: [], validated: [], fetch: [] }
for (let i = 0; i < ROUNDS; i++) {
  runs.skipped.push(await load(withoutValidation.url))
  runs.bare.push(await load(bare.url))
  runs.validated.push(await load(withValidation.url))
  runs.fetch.push(await load(throughFetch.url))
}
const m = (key, field) => median(runs[key].map((r) => r[field]))
console.log(
  `bench: /api/login, validation skipped      ${Math.round(m('skipped', 'rps')).toLocaleString('en-US').padStart(8)} req/s  p99 ${m('skipped', 'p99')} ms`,
)
console.log(
  `bench: /api/login, one bare request       ${Math.round(m('bare', 'rps')).toLocaleString('en-US').padStart(8)} req/s  p99 ${m('bare', 'p99')} ms  (the floor: no SDK)`,
)
console.log(
  `bench: /api/login, validated by emulator   ${Math.round(m('validated', 'rps')).toLocaleString('en-US').padStart(8)} req/s  p99 ${m('validated', 'p99')} ms`,
)
console.log(
  `bench: validated / one bare request       ${(m('validated', 'rps') / m('bare', 'rps')).toFixed(2)}x throughput (the SDK's own cost)`,
)
console.log(
  `bench: /api/login, validated, SDK on fetch ${Math.round(m('fetch', 'rps')).toLocaleString('en-US').padStart(8)} req/s  p99 ${m('fetch', 'p99')} ms`,
)
console.log(
  `bench: validated / skipped                ${(m('validated', 'rps') / m('skipped', 'rps')).toFixed(2)}x throughput (one bare request: ${(m('bare', 'rps') / m('skipped', 'rps')).toFixed(2)}x; on fetch: ${(m('fetch', 'rps') / m('skipped', 'rps')).toFixed(2)}x; medians of ${ROUNDS} alternating ${DURATION} s runs, 32 connections; backend, emulator and load generator in three processes on this machine's 2 cores)`,
)

// The main API hangs: the first logins wait for the deadline; three of them open the breaker, after which a
// login is answered (503) without a socket.
await fetch(`${emu.url}/__emulator/faults`, {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ main: 'hang' }),
})
const hung = await start(undefined)
const firstLogins = await Promise.all(
  Array.from({ length: 3 }, async () => {
    const at = performance.now()
    const res = await fetch(hung.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    })
    return { ms: performance.now() - at, status: res.status }
  }),
)
const breakerOpen = await load(hung.url)
console.log(
  `bench: main API hung, first logins       ${median(firstLogins.map((f) => f.ms))
    .toFixed(0)
    .padStart(8)} ms (HTTP ${firstLogins[0].status}; the 5 s deadline, retries included)`,
)
console.log(
  `bench: main API hung, breaker open       ${Math.round(breakerOpen.rps).toLocaleString('en-US').padStart(8)} req/s  p50 ${breakerOpen.p50} ms  p99 ${breakerOpen.p99} ms  (${(breakerOpen.rps / m('skipped', 'rps')).toFixed(2)}x of skipped)`,
)
await hung.app.close()
await withValidation.app.close()
await throughFetch.app.close()
await bare.app.close()
bareAgent.destroy()
await withoutValidation.app.close()
await emu.close()
