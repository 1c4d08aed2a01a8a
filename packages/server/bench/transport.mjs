// pnpm bench: the SDK alone, through the runtime's fetch and through the Node transport (node:http with a
// keep-alive agent): validations per second and this process's CPU per validation, 32 at a time, in
// alternating 1 s runs. CaptchaLa is played by a stand-in in its own process that answers every validation
// at once (the emulator's own work, ~4,000 validations/s on this kind of machine, would cap both and hide
// the SDK's cost). Quoted: medians and the Node transport's ratios to fetch (acceptance: >= 3x the calls per
// second at <= 1/3 of the CPU per call).
//
// BENCH_BASELINE_DIST=<folder> puts another build of the package (an earlier commit's dist, inside this
// package's node_modules so that its dependencies resolve) into the same rotation, and prints this build's
// medians against it: a before/after comparison measured in one run, on one machine's noise.
import { spawn } from 'node:child_process'
import { resolve } from 'node:path'
import { pathToFileURL } from 'node:url'

const ROUNDS = 7
const RUN_MS = 1_000
const CONCURRENCY = 32
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]

// The stand-in: CaptchaLa's answer to a valid token, for every request, from a keep-alive node:http server.
const STAND_IN = `
const answer = JSON.stringify({ code: 0, msg: 'ok', data: { valid: true, action: 'login' } })
const server = require('node:http').createServer((request, response) => {
  request.resume()
  request.on('end', () => response.writeHead(200, { 'content-type': 'application/json' }).end(answer))
})
server.keepAliveTimeout = 5000
server.listen(0, '127.0.0.1', () => console.log('http://127.0.0.1:' + server.address().port))
`
const standIn = spawn(process.execPath, ['-e', STAND_IN], { stdio: ['ignore', 'pipe', 'inherit'] })
const url = await new Promise((resolve) =>
  standIn.stdout.on('data', (d) => /(http:\/\/\S+)/.test(d) && resolve(/(http:\/\/\S+)/.exec(d)[1])),
)
const token = `pt_${'a'.repeat(40)}`
const settings = { appKey: 'demo_app', appSecret: 'demo_secret', baseUrl: url }

// Each build's two clients: its fetch entry and its Node entry.
async function clientsOf(dist, suffix) {
  const { createClient: createFetchClient } = await import(new URL('index.js', dist).href)
  const { createClient: createNodeClient } = await import(new URL('node.js', dist).href)
  return { [`fetch${suffix}`]: createFetchClient(settings), [`node${suffix}`]: createNodeClient(settings) }
}
const baselineDist = process.env.BENCH_BASELINE_DIST
const clients = {
  ...(await clientsOf(new URL('../dist/', import.meta.url), '')),
  ...(baselineDist ? await clientsOf(pathToFileURL(`${resolve(baselineDist)}/`), ' (baseline)') : {}),
}

async function run(client) {
  let calls = 0
  const cpu = process.cpuUsage()
  const until = performance.now() + RUN_MS
  const worker = async () => {
    while (performance.now() < until) {
      const result = await client.validate(token, { expectedAction: 'login', keepToken: true })
      if (!result.valid) throw new Error(`not valid: ${result.error}`)
      calls++
    }
  }
  await Promise.all(Array.from({ length: CONCURRENCY }, worker))
  const used = process.cpuUsage(cpu)
  return { perSecond: calls / (RUN_MS / 1000), cpuMsPerCall: (used.user + used.system) / 1000 / calls }
}

const names = Object.keys(clients)
const runs = Object.fromEntries(names.map((name) => [name, []]))
for (const name of names) await run(clients[name])
for (let round = 0; round < ROUNDS; round++) {
  // Each round in another order, so that no client always runs after the same one.
  const order = names.map((_, i) => names[(i + round) % names.length])
  for (const name of round % 2 ? order.reverse() : order) runs[name].push(await run(clients[name]))
}
const m = (name, field) => median(runs[name].map((r) => r[field]))
for (const name of names) {
  const label = `${name.startsWith('fetch') ? 'the runtime fetch' : 'the Node transport'}${name.replace(/^\w+/, '')}`
  console.log(
    `transport: ${label.padEnd(30)} ${Math.round(m(name, 'perSecond')).toLocaleString('en-US').padStart(7)} validations/s, ${m(name, 'cpuMsPerCall').toFixed(3)} ms CPU per call`,
  )
}
console.log(
  `transport: Node / fetch: ${(m('node', 'perSecond') / m('fetch', 'perSecond')).toFixed(2)}x the calls per second at ${(m('node', 'cpuMsPerCall') / m('fetch', 'cpuMsPerCall')).toFixed(2)}x the CPU per call (medians of ${ROUNDS} rotating ${RUN_MS / 1000} s runs, ${CONCURRENCY} concurrent; acceptance >= 3x at <= 0.33x)`,
)
if (baselineDist) {
  for (const name of ['fetch', 'node']) {
    const baseline = `${name} (baseline)`
    console.log(
      `transport: ${name} this build / baseline: ${(m(name, 'perSecond') / m(baseline, 'perSecond')).toFixed(3)}x the calls per second at ${(m(name, 'cpuMsPerCall') / m(baseline, 'cpuMsPerCall')).toFixed(3)}x the CPU per call`,
    )
  }
}
for (const client of Object.values(clients)) client.close()
standIn.kill()
