import { EMULATOR_CONTROL } from '@captchala/contract'
import fc from 'fast-check'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { emulator } from './client'

const ROUTES = [
  '/v1/validate',
  '/v1/challenge/verify',
  '/v1/server/challenge/issue',
  '/v1/server-token/issue',
  '/api/validate',
  '/v1/sdk/challenge',
  '/v1/sdk/answer',
  '/bypass/issue',
  '/v1/moderation/text',
  '/v1/moderation/check',
  ...Object.values(EMULATOR_CONTROL),
]
// Browser assets answer GET with files, not envelopes.
const FILES = new Set(['/captchala.js', '/captchala-loader.js', '/captchala.css'])

// Header values the fetch client itself accepts (visible ASCII and spaces).
const headerValue = fc.string({ maxLength: 80 }).map((s) => s.replace(/[^\x20-\x7e]/g, '').trim())
const known = fc.constantFrom(
  'demo_app',
  'test_pass_invisible',
  'test_block',
  'test_degraded',
  'test_offline',
)
const body = fc.oneof(
  fc.json(),
  fc.string({ maxLength: 300 }),
  fc.uint8Array({ maxLength: 300 }).map((b) => Buffer.from(b).toString('latin1')),
  fc
    .record(
      {
        pass_token: fc.oneof(
          fc.string(),
          fc.constant('pt_x'),
          fc.constant('dg_a.b'),
          fc.constant('offline_x'),
          fc.jsonValue(),
        ),
        client_ip: fc.jsonValue(),
        keep_token: fc.jsonValue(),
        action: fc.oneof(fc.string(), fc.jsonValue()),
        ttl: fc.jsonValue(),
        max_uses: fc.jsonValue(),
        app_key: fc.oneof(known, fc.string()),
        server_token: fc.jsonValue(),
        challenge_id: fc.jsonValue(),
        nonce: fc.jsonValue(),
        position: fc.jsonValue(),
        appKey: fc.oneof(known, fc.string()),
        advanceMs: fc.jsonValue(),
      },
      { requiredKeys: [] },
    )
    .map((o) => JSON.stringify(o)),
)
const request = fc.record({
  method: fc.constantFrom('POST', 'POST', 'POST', 'GET', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'),
  // for OPTIONS: a valid preflight, or one that lacks what makes it one
  preflight: fc.record(
    {
      origin: fc.oneof(fc.constant('http://site.test'), headerValue),
      method: fc.oneof(fc.constant('POST'), headerValue),
    },
    { requiredKeys: [] },
  ),
  path: fc.oneof(
    fc.constantFrom(...ROUTES, ...FILES),
    fc.webPath(),
    // percent-encodings that do not decode
    fc
      .tuple(fc.constantFrom(...ROUTES), fc.constantFrom('%', '%zz', '%ff', '%c3%28'))
      .map(([p, bad]) => p + bad),
  ),
  contentType: fc.option(
    fc.constantFrom(
      'application/json',
      'application/x-www-form-urlencoded',
      'text/plain',
      'multipart/form-data',
      'application/json; charset=latin1',
    ),
  ),
  appKey: fc.option(fc.oneof(known, headerValue)),
  secret: fc.option(fc.oneof(fc.constantFrom('demo_secret', 'test_secret'), headerValue)),
  body,
})

let emu: Awaited<ReturnType<typeof emulator>>
beforeAll(async () => {
  emu = await emulator()
})
afterAll(() => emu.close())

it('answers anything a client can send with a 4xx-or-better envelope, and stays up', async () => {
  await fc.assert(
    fc.asyncProperty(request, async (r) => {
      const headers: Record<string, string> = {}
      if (r.contentType) headers['content-type'] = r.contentType
      if (r.appKey !== null) headers['x-app-key'] = r.appKey
      if (r.secret !== null) headers['x-app-secret'] = r.secret
      if (r.method === 'OPTIONS') {
        if (r.preflight.origin !== undefined) headers.origin = r.preflight.origin
        if (r.preflight.method !== undefined) headers['access-control-request-method'] = r.preflight.method
      }
      const sendsBody = r.method !== 'GET'
      let res: Response
      try {
        res = await fetch(emu.url + r.path, {
          method: r.method,
          headers,
          body: sendsBody ? r.body : undefined,
        })
      } catch {
        // Only the per-app "service down" keys drop connections on purpose: in the body (browser calls) or
        // in the X-App-Key header (server calls).
        expect(`${r.body} ${r.appKey}`).toMatch(/test_(offline|client_only)/)
        return
      }
      const text = await res.text()
      // A generated body that switched a fault on must not leak into the next run.
      if (r.path === EMULATOR_CONTROL.faults && res.status === 200) await emu.post(EMULATOR_CONTROL.reset, {})
      expect(res.status, `${r.method} ${r.path} -> ${res.status} ${text.slice(0, 200)}`).toBeLessThan(500)
      if (r.method === 'GET' && FILES.has(r.path)) return
      const envelope = JSON.parse(text)
      expect(envelope).toMatchObject({
        code: expect.any(Number),
        msg: expect.any(String),
        data: expect.any(Object),
      })
    }),
    { numRuns: 3000 },
  )
  // still alive and well
  expect((await emu.validate(await emu.mint())).body.data.valid).toBe(true)
}, 120_000)
