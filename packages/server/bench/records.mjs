// pnpm bench: what records cost. Validations per second without `onRecord` and with a no-op `onRecord`, in
// alternating runs of the same process, twice: against the emulator in its own process (kept checks of one
// token, so nothing is consumed: what a server pays), and against a `fetch` that answers at once (the SDK's
// own work alone: the worst case for the ratio). Quoted: the medians and their ratios (the acceptance: a
// no-op onRecord costs under 3 % of validations per second).
import { spawn } from 'node:child_process'
import { createRequire } from 'node:module'
import { createClient } from '../dist/node.js'

const ROUNDS = 7
const RUN_MS = 1_000
const CONCURRENCY = 32
const TOKEN = `pt_${'a'.repeat(40)}`
const ANSWER = JSON.stringify({
  code: 0,
  data: { valid: true, action: 'login', captcha_args: { platform: 'web' } },
})
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]

async function validationsPerSecond(client, token, options) {
  let done = 0
  const until = performance.now() + RUN_MS
  const worker = async () => {
    while (performance.now() < until) {
      await client.validate(token, options)
      done++
    }
  }
  await Promise.all(Array.from({ length: CONCURRENCY }, worker))
  return done / (RUN_MS / 1000)
}

async function compare(label, settings, token, options) {
  const clients = {
    without: createClient(settings),
    noop: createClient({ ...settings, onRecord: () => {} }),
  }
  const rates = { without: [], noop: [] }
  await validationsPerSecond(clients.without, token, options) // warm-up
  for (let round = 0; round < ROUNDS; round++) {
    for (const name of round % 2 ? ['noop', 'without'] : ['without', 'noop']) {
      rates[name].push(await validationsPerSecond(clients[name], token, options))
    }
  }
  const without = median(rates.without)
  const noop = median(rates.noop)
  console.log(
    `records, ${label}: ${Math.round(without)} validations/s without onRecord, ${Math.round(noop)} with a no-op one: ${(noop / without).toFixed(3)}x (medians of ${ROUNDS})`,
  )
  for (const client of Object.values(clients)) client.close()
}

// The emulator in its own process, as CaptchaLa is.
const cli = createRequire(import.meta.url)
  .resolve('@captchala/emulator/package.json')
  .replace(/package\.json$/, 'dist/cli.js')
const emulator = spawn(process.execPath, [cli, '--port', '0', '--quiet'], {
  stdio: ['ignore', 'pipe', 'inherit'],
})
const emulatorUrl = await new Promise((resolve) =>
  emulator.stdout.on('data', (d) => /(http:\/\/\S+)/.test(d) && resolve(/(http:\/\/\S+)/.exec(d)[1])),
)
const minted = await fetch(`${emulatorUrl}/__emulator/tokens`, {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ appKey: 'demo_app', action: 'login', ttl: 3600 }),
}).then((r) => r.json())
await compare(
  'against the emulator',
  { appKey: 'demo_app', appSecret: 'demo_secret', baseUrl: emulatorUrl },
  minted.data.token,
  { expectedAction: 'login', keepToken: true },
)
emulator.kill()

const answering = async () => new Response(ANSWER, { headers: { 'content-type': 'application/json' } })
await compare('the SDK alone', { appKey: 'k', appSecret: 's', fetch: answering }, TOKEN, {
  expectedAction: 'login',
})
