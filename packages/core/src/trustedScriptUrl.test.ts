import { afterEach, expect, it, vi } from 'vitest'

type Rules = { createScriptURL(url: string): string }
const withTrustedTypes = (createPolicy: (name: string, rules: Rules) => unknown) =>
  Object.assign(window, { trustedTypes: { createPolicy } })

// The kit's policy is made once per page: each case starts with a fresh module, as a new page would.
const freshModule = () => import('./trustedScriptUrl')
afterEach(() => {
  Reflect.deleteProperty(window, 'trustedTypes')
  vi.resetModules()
})

it("creates the 'captchala' policy once per page, for the loader's own script URLs and a same-origin blob: only", async () => {
  const createPolicy = vi.fn((_name: string, rules: Rules) => rules)
  withTrustedTypes(createPolicy)
  const { allowScriptUrl, scriptUrlPolicy } = await freshModule()
  allowScriptUrl('https://cdn.captchala.com/captchala.js')
  allowScriptUrl('http://127.0.0.1:4000/captchala-loader.js?v=1')
  const policy = scriptUrlPolicy(undefined)!
  expect(scriptUrlPolicy(undefined)).toBe(policy)
  expect(createPolicy).toHaveBeenCalledTimes(1)
  expect(createPolicy.mock.calls[0]![0]).toBe('captchala')
  expect(policy.createScriptURL('https://cdn.captchala.com/captchala.js')).toBe(
    'https://cdn.captchala.com/captchala.js',
  )
  expect(policy.createScriptURL('http://127.0.0.1:4000/captchala-loader.js?v=1')).toBe(
    'http://127.0.0.1:4000/captchala-loader.js?v=1',
  )
  const worker = `blob:${location.origin}/0f1e`
  expect(policy.createScriptURL(worker)).toBe(worker)
  // Anything else is refused: the kit's policy is no way around the page's Trusted Types, even for a URL
  // that looks like CaptchaLa's script.
  for (const url of [
    'https://evil.example/payload.js',
    'https://evil.example/captchala.js',
    'https://evil.example/x.js?/captchala.js',
    'data:text/javascript,alert(1)//captchala.js',
    'blob:https://evil.example/0f1e',
  ])
    expect(() => policy.createScriptURL(url), url).toThrow(TypeError)
})

it("a page's own policy is used as it is, and the kit creates none", async () => {
  const createPolicy = vi.fn()
  withTrustedTypes(createPolicy)
  const { scriptUrlPolicy } = await freshModule()
  const own = { createScriptURL: (url: string) => url }
  expect(scriptUrlPolicy(own)).toBe(own)
  expect(createPolicy).not.toHaveBeenCalled()
})

it("no policy where the page's CSP does not allow the name, or the browser has no Trusted Types", async () => {
  const createPolicy = vi.fn(() => {
    throw new TypeError('Policy "captchala" disallowed.')
  })
  withTrustedTypes(createPolicy)
  expect((await freshModule()).scriptUrlPolicy(undefined)).toBeNull()
  Reflect.deleteProperty(window, 'trustedTypes')
  vi.resetModules()
  expect((await freshModule()).scriptUrlPolicy(undefined)).toBeNull()
})
