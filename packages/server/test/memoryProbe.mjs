// A process that holds only the SDK (its built entries): validations against a CaptchaLa that floods and
// bombs, through the Node transport and through fetch. Prints how much more it holds after the calls (and
// how far its resident memory rose meanwhile), and each verdict. Run by hostileUpstream.test.ts, with --expose-gc and the hostile upstream's root URL (a second
// argument names another build of the SDK, to measure it the same way).
const root = process.argv[2]
const dist = new URL(process.argv[3] ?? '../dist/', import.meta.url)
const { createClient: createFetchClient } = await import(new URL('index.js', dist).href)
const { createClient: createNodeClient } = await import(new URL('node.js', dist).href)
const creators = [createNodeClient, createFetchClient]

async function validate(createClient, answer) {
  const settings = {
    appKey: 'demo_app',
    appSecret: 'probe_secret',
    baseUrl: `${root}${answer}`,
    timeoutMs: 10_000,
  }
  const client = createClient(settings)
  const { error } = await client.validate('pt_probe', { expectedAction: 'login' })
  client.close()
  return error
}

// What is still held, not what awaits collection: a decompressor's native buffers (a brotli window is
// megabytes) are freed when its handle is collected, and read before that they count ~10 MiB of garbage.
// Held means the JavaScript heap and the memory outside it that V8 is told of (Buffers, zlib's and brotli's
// windows), not the resident size: the allocator keeps freed pages for reuse as it sees fit, and on a loaded
// machine it kept 21 MiB more where the heap and external memory had grown by 0.6 MiB.
async function retained() {
  globalThis.gc()
  await new Promise((resolve) => setTimeout(resolve, 500))
  globalThis.gc()
  const { heapUsed, external } = process.memoryUsage()
  return heapUsed + external
}

// Everything a call loads (undici, zlib) is loaded before the first reading.
for (const createClient of creators) await validate(createClient, 'valid')
const before = await retained()
// The peak while the calls run, sampled (maxRSS holds the start-up's own peak): garbage not yet collected
// counts there, and so would a body read whole, which takes far longer than a sample's interval.
const rssBefore = process.memoryUsage.rss()
let peak = rssBefore
const sampler = setInterval(() => {
  peak = Math.max(peak, process.memoryUsage.rss())
}, 2)
const verdicts = []
for (const createClient of creators) {
  for (const answer of ['flood', 'gzip-bomb', 'br-bomb']) verdicts.push(await validate(createClient, answer))
}
clearInterval(sampler)
console.log(JSON.stringify({ grewBy: (await retained()) - before, peakGrewBy: peak - rssBefore, verdicts }))
