// CaptchaLa hung (it accepts connections and never answers) under 300 concurrent logins, through the Node
// transport: every call ends at its deadline, the sockets in use never exceed the pool's bound, none is left
// once they have ended, and after the breaker opens a call is answered without a socket.
import { createServer, type Server, type Socket } from 'node:net'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { createClient } from '../src/node'
import { MAX_CONNECTIONS_PER_ORIGIN } from '../src/nodeTransport'

const LOGINS = 300
let hung: Server
let url: string
const open = new Set<Socket>()
let mostOpen = 0

beforeAll(async () => {
  hung = createServer((socket) => {
    open.add(socket)
    mostOpen = Math.max(mostOpen, open.size)
    socket.on('close', () => open.delete(socket))
    socket.on('error', () => {})
    // It reads the requests (and never answers): a socket whose bytes are never read would never see its end.
    socket.resume()
  })
  await new Promise<void>((resolve) => hung.listen(0, '127.0.0.1', resolve))
  const address = hung.address()
  url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`
})
afterAll(
  () =>
    new Promise<void>((resolve) => {
      for (const socket of open) socket.destroy()
      hung.close(() => resolve())
    }),
)

it('300 logins end at the deadline with bounded sockets, none left after; then no socket at all', async () => {
  const client = createClient({
    appKey: 'k',
    appSecret: 's',
    baseUrl: url,
    backupUrl: `${url}/api/validate`,
    timeoutMs: 500,
    probeInBackground: false,
    breakerCooldownMs: 600_000,
  })
  const results = await Promise.all(
    Array.from({ length: LOGINS }, (_, n) => client.validate(`pt_hung_${n}`, { expectedAction: 'login' })),
  )
  // Sent and never answered: the answer counts as lost (the token may have been consumed), never a verdict.
  expect(new Set(results.map((result) => `${result.valid} ${result.error} ${result.category}`))).toEqual(
    new Set(['false answer_lost upstream']),
  )
  // At most 64 in use at once; the hung server may count a few more, opened for queued calls while the
  // aborted ones' sockets were still closing (69 seen here), never one per login.
  expect(mostOpen).toBeGreaterThan(0)
  expect(mostOpen).toBeLessThan(2 * MAX_CONNECTIONS_PER_ORIGIN)
  // Each aborted call ended its own socket: the hung server sees them close.
  await expect.poll(() => open.size, { timeout: 30_000 }).toBe(0)
  expect(client.health().main.state).toBe('open')
  const before = mostOpen
  const answeredAtOnce = await client.validate('pt_after', { expectedAction: 'login' })
  expect(answeredAtOnce).toMatchObject({ valid: false, error: 'request_failed', upstreamStatus: null })
  expect(open.size).toBe(0)
  expect(mostOpen).toBe(before)
  client.close()
}, 120_000)
