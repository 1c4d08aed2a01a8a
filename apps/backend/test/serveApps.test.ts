import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createBackend, readConfig, withNonce } from '../src/index'

let app: Awaited<ReturnType<typeof createBackend>>
const dir = mkdtempSync(join(tmpdir(), 'served-'))

beforeAll(async () => {
  mkdirSync(join(dir, 'assets'))
  writeFileSync(
    join(dir, 'index.html'),
    '<!doctype html><html><head><link rel="stylesheet" href="/react/assets/app.css"><script type="module" src="/react/assets/app.js"></script></head><body><div id="root"></div></body></html>',
  )
  writeFileSync(join(dir, 'assets', 'app.js'), 'console.log(1)')
  writeFileSync(join(dir, 'assets', 'app.css'), 'body{}')
  app = await createBackend(readConfig({ CAPTCHALA_BASE_URL: 'http://127.0.0.1:8787' }), {
    logger: false,
    apps: [
      { prefix: '/react/', dir },
      { prefix: '/vue/', dir: join(dir, 'not-built') },
    ],
  })
})
afterAll(() => app.close())

describe('serving built apps in production mode', () => {
  it('answers the page with a fresh nonce on every script and stylesheet, and a strict CSP naming it', async () => {
    const first = await app.inject({ url: '/react/' })
    const second = await app.inject({ url: '/react/some/client/route' })
    const nonceOf = (csp: string) => /'nonce-([^']+)'/.exec(csp)?.[1]
    const nonce = nonceOf(String(first.headers['content-security-policy']))
    expect(nonce).toBeTruthy()
    expect(nonceOf(String(second.headers['content-security-policy']))).not.toBe(nonce)
    expect(first.body).toContain(`<script nonce="${nonce}" type="module"`)
    expect(first.body).toContain(`<link nonce="${nonce}" rel="stylesheet"`)
    expect(first.body).toContain(`<meta name="csp-nonce" content="${nonce}">`)
    const csp = String(first.headers['content-security-policy'])
    expect(csp).toContain("script-src 'nonce-")
    expect(csp).not.toContain('unsafe-inline')
    expect(csp).toContain('http://127.0.0.1:8787')
    expect(csp).toContain('worker-src blob:')
  })

  it('serves the files, answers a missing file with a JSON 404, and skips an app that is not built', async () => {
    expect((await app.inject({ url: '/react/assets/app.js' })).body).toBe('console.log(1)')
    expect((await app.inject({ url: '/react/assets/missing.js' })).json()).toMatchObject({
      ok: false,
      error: 'not_found',
    })
    expect((await app.inject({ url: '/vue/' })).statusCode).toBe(404)
  })

  it('every HTML answer carries the policy: /react/index.html is the page, never the raw file', async () => {
    for (const url of ['/react/index.html', '/react/', '/react/deep/route', '/react/index.html?x=1']) {
      const answer = await app.inject({ url })
      expect(answer.headers['content-type'], url).toMatch(/^text\/html/)
      expect(answer.headers['content-security-policy'], url).toMatch(/script-src 'nonce-/)
      expect(answer.body, url).toContain('<meta name="csp-nonce"')
    }
    const head = await app.inject({ method: 'HEAD', url: '/react/index.html' })
    expect(head.headers['content-security-policy']).toMatch(/script-src 'nonce-/)
    // any other HTML file is not served raw
    writeFileSync(join(dir, 'other.html'), '<script>alert(1)</script>')
    expect((await app.inject({ url: '/react/other.html' })).statusCode).toBe(404)
    expect((await app.inject({ url: '/react/%2e%2e/%2e%2e/etc/passwd' })).statusCode).toBeLessThan(500)
  })

  it('does not nonce a tag twice', () => {
    expect(withNonce('<head><script nonce="a"></script></head>', 'b')).toBe(
      '<head><meta name="csp-nonce" content="b"><script nonce="a"></script></head>',
    )
  })
})
