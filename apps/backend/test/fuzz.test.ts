import { startEmulator } from '@captchala/emulator'
import fc from 'fast-check'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { createBackend, readConfig } from '../src/index'

let emu: Awaited<ReturnType<typeof startEmulator>>
let app: Awaited<ReturnType<typeof createBackend>>
let base: string

beforeAll(async () => {
  emu = await startEmulator({ port: 0 })
  app = await createBackend(readConfig({ CAPTCHALA_BASE_URL: emu.url, RATE_LIMIT_MAX: '1000000' }), {
    logger: false,
  })
  await app.listen({ port: 0, host: '127.0.0.1' })
  base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`
})
afterAll(async () => {
  await app.close()
  await emu.close()
})

const value = fc.oneof(
  fc.string({ maxLength: 60 }),
  fc.jsonValue({ maxDepth: 2 }),
  fc.constantFrom('pt_x', 'client_x', 'offline_x', 'dg_a.b', 'co_y'),
)
const request = fc.record({
  method: fc.constantFrom('POST', 'POST', 'GET', 'PUT', 'DELETE'),
  path: fc.oneof(
    fc.constantFrom('/api/login', '/api/signup', '/api/checkout', '/api/server-token', '/api/health'),
    fc.string({ maxLength: 40 }).map((s) => `/api/server-token?action=${encodeURIComponent(s)}`),
    fc.webPath(),
    // percent-encodings that do not decode
    fc.constantFrom('/api/login%ff', '/api/%zz', '/react/%c3%28', '/%'),
  ),
  contentType: fc.option(
    fc.constantFrom('application/json', 'application/x-www-form-urlencoded', 'text/plain', 'application/xml'),
  ),
  tokenHeader: fc.option(fc.string({ maxLength: 60 }).map((s) => s.replace(/[^\x20-\x7e]/g, ''))),
  body: fc.oneof(
    fc
      .dictionary(
        fc.oneof(
          fc.constantFrom('captchala_token', 'email', 'password', '__proto__', 'constructor'),
          fc.string({ maxLength: 20 }),
        ),
        value,
        {
          maxKeys: 6,
        },
      )
      .map((o) => JSON.stringify(o)),
    fc.string({ maxLength: 200 }),
    fc.jsonValue().map((v) => JSON.stringify(v)),
  ),
})

it('answers any generated request with a 4xx-or-better JSON body, and stays up', async () => {
  await fc.assert(
    fc.asyncProperty(request, async (r) => {
      const headers: Record<string, string> = {}
      if (r.contentType) headers['content-type'] = r.contentType
      if (r.tokenHeader) headers['x-captcha-token'] = r.tokenHeader
      const res = await fetch(base + r.path, {
        method: r.method,
        headers,
        body: r.method === 'GET' ? undefined : r.body,
      })
      const text = await res.text()
      expect(res.status, `${r.method} ${r.path} -> ${res.status} ${text.slice(0, 200)}`).toBeLessThan(500)
      const json = JSON.parse(text)
      expect(typeof json.ok).toBe('boolean')
      if (!json.ok) expect(json).toMatchObject({ error: expect.any(String), message: expect.any(String) })
    }),
    { numRuns: 1500 },
  )
  expect((await fetch(`${base}/api/health`)).status).toBe(200)
}, 120_000)
