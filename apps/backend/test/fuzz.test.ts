import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startEmulator } from '@captchala/emulator'
import fc from 'fast-check'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { createBackend, readConfig } from '../src/index'

let emu: Awaited<ReturnType<typeof startEmulator>>
// One backend that believes no forwarded header, one behind a trusted proxy (this machine).
const backends: { app: Awaited<ReturnType<typeof createBackend>>; base: string }[] = []

beforeAll(async () => {
  emu = await startEmulator({ port: 0 })
  const built = mkdtempSync(join(tmpdir(), 'fuzz-app-'))
  mkdirSync(join(built, 'assets'))
  writeFileSync(
    join(built, 'index.html'),
    '<!doctype html><html><head><script src="/react/assets/a.js"></script></head></html>',
  )
  writeFileSync(join(built, 'assets', 'a.js'), 'console.log(1)')
  for (const trustedProxies of ['', '127.0.0.1']) {
    const app = await createBackend(
      readConfig({ CAPTCHALA_BASE_URL: emu.url, RATE_LIMIT_MAX: '1000000', TRUSTED_PROXIES: trustedProxies }),
      { logger: false, apps: [{ prefix: '/react/', dir: built }] },
    )
    await app.listen({ port: 0, host: '127.0.0.1' })
    backends.push({ app, base: `http://127.0.0.1:${(app.server.address() as { port: number }).port}` })
  }
})
afterAll(async () => {
  for (const { app } of backends) await app.close()
  await emu.close()
})

const printable = (maxLength: number) => fc.string({ maxLength }).map((s) => s.replace(/[^\x20-\x7e]/g, ''))

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
    // the served app: the page, client-side routes, files, HTML files, traversal attempts
    fc.constantFrom('/react/', '/react/index.html', '/react/a/b', '/react/assets/a.js', '/react/x.html'),
    fc.webPath().map((p) => `/react${p}`),
    fc.constantFrom('/react/..%2f..%2fetc%2fpasswd', '/react/%2e%2e/index.html', '/react/index.htm'),
  ),
  forwardedFor: fc.option(
    fc.oneof(
      printable(80),
      fc.ipV4().map((ip) => `${ip}, 127.0.0.1`),
      fc.ipV6(),
      fc.constantFrom('unknown', '::ffff:1.2.3.4', `${'1.2.3.4, '.repeat(300)}5.6.7.8`),
    ),
  ),
  returnTo: fc.option(
    fc.oneof(
      fc.string({ maxLength: 40 }),
      fc.webPath(),
      fc.constantFrom(
        '//evil.example',
        '/\\evil',
        '/ok\u0001',
        '/a\r\nSet-Cookie: x=1',
        'javascript:alert(1)',
      ),
    ),
  ),
  backend: fc.constantFrom(0, 1),
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

// A stack trace's lines (`    at fn (file:1:2)`) in a body would tell an attacker about the code.
const STACK_LINE = /\n\s+at .+:\d+:\d+/

it('answers any generated request with a 4xx-or-better body: JSON, or HTML under the policy; never a stack', async () => {
  await fc.assert(
    fc.asyncProperty(request, async (r) => {
      const headers: Record<string, string> = {}
      if (r.contentType) headers['content-type'] = r.contentType
      if (r.tokenHeader) headers['x-captcha-token'] = r.tokenHeader
      if (r.forwardedFor !== null) headers['x-forwarded-for'] = r.forwardedFor
      // a native form post names the page to return to
      const body =
        r.returnTo !== null && r.contentType === 'application/x-www-form-urlencoded'
          ? new URLSearchParams({ captchala_token: 'pt_x', return_to: r.returnTo }).toString()
          : r.body
      const { base } = backends[r.backend]!
      const res = await fetch(base + r.path, {
        method: r.method,
        headers,
        redirect: 'manual',
        body: r.method === 'GET' ? undefined : body,
      })
      const text = await res.text()
      const what = `${r.method} ${r.path} -> ${res.status} ${text.slice(0, 200)}`
      expect(res.status, what).toBeLessThan(500)
      expect(text, what).not.toMatch(STACK_LINE)
      if (res.status === 303) {
        expect(res.headers.get('location'), what).toMatch(/^\/(?![/\\])/)
        return
      }
      const type = res.headers.get('content-type') ?? ''
      if (type.startsWith('text/html')) {
        expect(res.headers.get('content-security-policy'), what).toMatch(/script-src 'nonce-/)
        return
      }
      if (type.startsWith('text/javascript') || type.startsWith('application/javascript')) return
      const json = JSON.parse(text)
      expect(typeof json.ok).toBe('boolean')
      if (!json.ok) expect(json).toMatchObject({ error: expect.any(String), message: expect.any(String) })
    }),
    { numRuns: 1500 },
  )
  for (const { base } of backends) expect((await fetch(`${base}/api/health`)).status).toBe(200)
}, 300_000)

// Native form posts carry return_to, the field that becomes a Location header: any string at all.
const formPost = fc.record({
  action: fc.constantFrom('login', 'signup', 'checkout', 'comment', 'contact'),
  returnTo: fc.oneof(
    fc.string({ maxLength: 60, unit: 'binary' }).map((s) => `/${s}`),
    fc.string({ maxLength: 60, unit: 'binary' }),
  ),
  forwardedFor: fc.option(printable(60)),
  backend: fc.constantFrom(0, 1),
})

it('a native form post with any return_to: a redirect to this site only, with a valid Location, or JSON', async () => {
  await fc.assert(
    fc.asyncProperty(formPost, async (r) => {
      const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' }
      if (r.forwardedFor !== null) headers['x-forwarded-for'] = r.forwardedFor
      const res = await fetch(`${backends[r.backend]!.base}/api/${r.action}`, {
        method: 'POST',
        headers,
        redirect: 'manual',
        body: new URLSearchParams({ captchala_token: 'pt_forged', return_to: r.returnTo }).toString(),
      })
      const text = await res.text()
      const what = `${JSON.stringify(r.returnTo)} -> ${res.status} ${text.slice(0, 200)}`
      expect(res.status, what).toBeLessThan(500)
      expect(text, what).not.toMatch(STACK_LINE)
      if (res.status === 303) expect(res.headers.get('location'), what).toMatch(/^\/(?![/\\])[\x21-\x7e]*$/)
      else expect(JSON.parse(text), what).toMatchObject({ ok: false })
    }),
    { numRuns: 500 },
  )
}, 120_000)
