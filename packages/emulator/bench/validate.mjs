// pnpm bench: the emulator's /v1/validate beside a bare node:http server answering a fixed JSON, and the
// browser proof-of-work solver beside Node's native SHA-256, each as a ratio measured in the same run.
// Runs alternate (baseline, subject, baseline, ...) and medians are quoted, because this machine is noisy.
import { createHash } from 'node:crypto'
import { createServer } from 'node:http'
import { launchChromium } from '@captchala/kit-testing/chromium'
import autocannon from 'autocannon'
import { startEmulator } from '../dist/index.js'

const ROUNDS = 3
const DURATION = 4
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
const fmt = (n) => Math.round(n).toLocaleString('en-US')

function load(url, init) {
  return new Promise((resolve, reject) =>
    autocannon({ url, connections: 32, duration: DURATION, method: 'POST', ...init }, (error, result) =>
      error
        ? reject(error)
        : resolve({
            rps: result.requests.average,
            p99: result.latency.p99,
            errors: result.errors + result.non2xx,
          }),
    ),
  )
}

const emu = await startEmulator({ port: 0 })
const minted = await fetch(`${emu.url}/__emulator/tokens`, {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ appKey: 'demo_app', action: 'login', ttl: 3600 }),
}).then((r) => r.json())
const fixed = JSON.stringify({ code: 0, msg: 'ok', data: { valid: true } })
const bare = createServer((req, res) => {
  req.resume()
  req.on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end(fixed))
})
await new Promise((r) => bare.listen(0, '127.0.0.1', r))
const bareUrl = `http://127.0.0.1:${bare.address().port}/`
// keep_token: the full path (auth in constant time, body schema, store lookup) on every request.
const validate = {
  headers: { 'content-type': 'application/json', 'x-app-key': 'demo_app', 'x-app-secret': 'demo_secret' },
  body: JSON.stringify({ pass_token: minted.data.token, keep_token: true, client_ip: '203.0.113.10' }),
}

const runs = { bare: [], emu: [] }
for (let i = 0; i < ROUNDS; i++) {
  runs.bare.push(await load(bareUrl, { body: '{}' }))
  runs.emu.push(await load(`${emu.url}/v1/validate`, validate))
}
const m = (list, key) => median(list.map((r) => r[key]))
console.log(
  `bench: bare node:http (fixed JSON)  ${fmt(m(runs.bare, 'rps')).padStart(8)} req/s  p99 ${m(runs.bare, 'p99')} ms`,
)
console.log(
  `bench: emulator /v1/validate       ${fmt(m(runs.emu, 'rps')).padStart(8)} req/s  p99 ${m(runs.emu, 'p99')} ms`,
)
console.log(
  `bench: validate / bare              ${(m(runs.emu, 'rps') / m(runs.bare, 'rps')).toFixed(2)}x throughput, ` +
    `${(m(runs.emu, 'p99') / Math.max(1, m(runs.bare, 'p99'))).toFixed(2)}x p99 (medians of ${ROUNDS} alternating ${DURATION} s runs, 32 connections; errors ${runs.emu.reduce((s, r) => s + r.errors, 0)})`,
)
bare.close()

// Proof of work: the SDK's solver (Web Worker, WebCrypto) in Debian's Chromium against node:crypto.
const nodeRate = () => {
  const started = performance.now()
  let n = 0
  while (performance.now() - started < 1000)
    for (let i = 0; i < 1000; i++, n++) createHash('sha256').update(`bench${n}`).digest()
  return (n / (performance.now() - started)) * 1000
}
const browser = await launchChromium()
const site = createServer((_q, r) =>
  r
    .writeHead(200, { 'content-type': 'text/html' })
    .end(`<!doctype html><script src="${emu.url}/captchala.js"></script>`),
)
await new Promise((r) => site.listen(0, '127.0.0.1', r))
const tab = await browser.newPage()
await tab.goto(`http://127.0.0.1:${site.address().port}/`)
await tab.waitForFunction(() => 'Captchala' in window)
const rates = { browser: [], node: [] }
for (let i = 0; i < ROUNDS; i++) {
  rates.node.push(nodeRate())
  rates.browser.push(await tab.evaluate(() => window.Captchala.benchmark(40000)))
}
console.log(`bench: node:crypto SHA-256              ${fmt(median(rates.node)).padStart(10)} H/s`)
console.log(`bench: SDK solver in Chromium (worker)  ${fmt(median(rates.browser)).padStart(10)} H/s`)
console.log(
  `bench: solver / node:crypto              ${(median(rates.browser) / median(rates.node)).toFixed(2)}x (medians of ${ROUNDS})`,
)
await browser.close()
site.close()
await emu.close()
