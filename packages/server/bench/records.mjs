// pnpm bench: what records cost. Validations per second through the SDK alone (CaptchaLa answered by a
// `fetch` that answers at once, so the SDK's own work is all there is to measure: the worst case for the
// ratio), without `onRecord` and with a no-op `onRecord`, in alternating runs of the same process. Quoted:
// the medians and their ratio (the acceptance: a no-op onRecord costs under 3 %).
import { createClient } from '../dist/index.js'

const ROUNDS = 7
const RUN_MS = 1_000
const CONCURRENCY = 32
const TOKEN = `pt_${'a'.repeat(40)}`
const ANSWER = JSON.stringify({
  code: 0,
  data: { valid: true, action: 'login', captcha_args: { platform: 'web' } },
})
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]

const answering = async () => new Response(ANSWER, { headers: { 'content-type': 'application/json' } })
const clients = {
  without: createClient({ appKey: 'k', appSecret: 's', fetch: answering }),
  noop: createClient({ appKey: 'k', appSecret: 's', fetch: answering, onRecord: () => {} }),
}

async function validationsPerSecond(client) {
  let done = 0
  const until = performance.now() + RUN_MS
  const worker = async () => {
    while (performance.now() < until) {
      await client.validate(TOKEN, { expectedAction: 'login' })
      done++
    }
  }
  await Promise.all(Array.from({ length: CONCURRENCY }, worker))
  return done / (RUN_MS / 1000)
}

const rates = { without: [], noop: [] }
await validationsPerSecond(clients.without) // warm-up
for (let round = 0; round < ROUNDS; round++) {
  for (const name of round % 2 ? ['noop', 'without'] : ['without', 'noop']) {
    rates[name].push(await validationsPerSecond(clients[name]))
  }
}
const without = median(rates.without)
const noop = median(rates.noop)
console.log(
  `records: validations/s without onRecord ${Math.round(without)}, with a no-op onRecord ${Math.round(noop)}`,
)
console.log(
  `records: no-op onRecord / without = ${(noop / without).toFixed(3)}x (medians of ${ROUNDS}; acceptance >= 0.97x)`,
)
