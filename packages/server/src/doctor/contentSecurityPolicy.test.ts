import { describe, expect, it } from 'vitest'
import { allowsUrl, governing, nonceOf, policiesOf } from './contentSecurityPolicy'

const PAGE = new URL('https://shop.example/login')
const SDK = new URL('https://cdn.captcha-cdn.net/captchala.js')

describe('allowsUrl: CSP source matching for the SDK URL', () => {
  it.each([
    ['*', true],
    ["'self'", false],
    ['https:', true],
    ['http:', true], // http: allows the https upgrade
    ['cdn.captcha-cdn.net', true], // no scheme: the page's (https)
    ['https://cdn.captcha-cdn.net', true],
    ['http://cdn.captcha-cdn.net', true],
    ['https://cdn.captcha-cdn.net:443', true],
    ['https://cdn.captcha-cdn.net:8443', false],
    ['https://cdn.captcha-cdn.net:*', true],
    ['*.captcha-cdn.net', true],
    ['*.cdn.captcha-cdn.net', false], // a wildcard is for subdomains only
    ['captcha-cdn.net', false],
    ['https://cdn.captcha-cdn.net/captchala.js', true],
    ['https://cdn.captcha-cdn.net/other.js', false],
    ['https://cdn.captcha-cdn.net/', true],
    ["'nonce-abc'", false],
    ["'unsafe-inline'", false],
    ['HTTPS://CDN.Captcha-CDN.net', true], // schemes and hosts without case
    ['https://cdn.captcha-cdn.net/CAPTCHALA.JS', false], // a path keeps its case
  ])('%s allows it: %s', (source, allowed) => {
    expect(allowsUrl([source], SDK, PAGE)).toBe(allowed)
  })

  it("'self' is the page's own origin", () => {
    expect(allowsUrl(["'self'"], new URL('https://shop.example/sdk.js'), PAGE)).toBe(true)
    expect(allowsUrl(["'self'"], new URL('http://shop.example/sdk.js'), PAGE)).toBe(false)
  })
})

describe('the governing directive, by CSP fallback', () => {
  const [policy] = policiesOf(
    "default-src 'self'; script-src 'nonce-r4nd0m' 'strict-dynamic'; child-src 'none'",
    'the header',
  )
  it('script-src governs scripts, child-src workers, default-src the rest', () => {
    expect(governing(policy!, 'script')?.name).toBe('script-src')
    expect(governing(policy!, 'worker')).toEqual({ name: 'child-src', sources: ["'none'"] })
    expect(governing(policy!, 'style')?.name).toBe('default-src')
    expect(nonceOf(governing(policy!, 'script')!.sources)).toBe('r4nd0m')
  })

  it('a header with two policies gives two, each to be met', () => {
    expect(policiesOf("script-src 'self', worker-src blob:", 'the header')).toHaveLength(2)
  })
})
