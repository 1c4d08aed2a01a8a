// @vitest-environment node
// In Debian's Chromium, under a real Content-Security-Policy: a CSP that forbids the script's host is told
// apart from a network failure (script_blocked), and the page's nonce lets the same host through.
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { launchChromium } from '@captchala/kit-testing/chromium'
import { build } from 'esbuild'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const NONCE = 'n0nc3'
let site: Server
let cdn: Server
let siteUrl: string
let cdnUrl: string
let cdnRequests = 0
let browser: Browser

const listen = async (server: Server) => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`
}

beforeAll(async () => {
  // The core from source, as one ES module the page imports.
  const bundled = await build({
    entryPoints: [new URL('../src/index.ts', import.meta.url).pathname],
    bundle: true,
    format: 'esm',
    write: false,
  })
  const coreModule = bundled.outputFiles[0]!.text
  // Another origin, standing for the CDN: a minimal SDK.
  cdn = createServer((_req, res) => {
    cdnRequests++
    res.writeHead(200, { 'content-type': 'text/javascript' }).end('window.Captchala = { init() {} }')
  })
  cdnUrl = await listen(cdn)
  site = createServer((req, res) => {
    if (req.url === '/core.js')
      return res.writeHead(200, { 'content-type': 'text/javascript' }).end(coreModule)
    res
      .writeHead(200, {
        'content-type': 'text/html',
        'content-security-policy': `script-src 'self' 'nonce-${NONCE}'`,
      })
      .end(
        `<!doctype html><title>csp</title><script type="module" nonce="${NONCE}">
          import * as kit from '/core.js'
          window.kit = kit
        </script>`,
      )
  })
  siteUrl = await listen(site)
  browser = await launchChromium()
}, 60_000)

afterAll(async () => {
  await browser?.close()
  site?.close()
  cdn?.close()
})

interface Outcome {
  loaded?: boolean
  code?: string
  message?: string
  failures: string[]
}

// Loads the SDK from the CDN origin in a fresh page of the site, with or without the page's nonce.
async function loadUnderCsp(withNonce: boolean): Promise<Outcome> {
  const page = await browser.newPage()
  try {
    await page.goto(siteUrl)
    await page.waitForFunction(() => 'kit' in window)
    return await page.evaluate(
      async ({ src, nonce }) => {
        const { loadCaptchala } = (window as unknown as { kit: typeof import('../src/index') }).kit
        const failures: string[] = []
        const onEvent = (event: { type: string; error?: { code: string } }) => {
          if (event.type === 'script:failed') failures.push(event.error!.code)
        }
        try {
          await loadCaptchala({ src, nonce, retries: 2, timeoutMs: 5_000, onEvent })
          return { loaded: true, failures }
        } catch (error) {
          const { code, message } = error as { code: string; message: string }
          return { code, message, failures }
        }
      },
      { src: cdnUrl, nonce: withNonce ? NONCE : undefined },
    )
  } finally {
    await page.close()
  }
}

describe('loadCaptchala under a Content-Security-Policy, in Chromium', () => {
  it('rejects with script_blocked, says how to fix it, and does not retry a host the policy forbids', async () => {
    const before = cdnRequests
    const outcome = await loadUnderCsp(false)
    expect(outcome.code).toBe('script_blocked')
    expect(outcome.message).toMatch(/Content-Security-Policy.*script-src.*loader\.nonce/)
    expect(outcome.failures).toEqual(['script_blocked'])
    expect(cdnRequests).toBe(before) // the browser never asked the CDN
  })

  it('loads from the same host when the tag carries the page nonce', async () => {
    const before = cdnRequests
    const outcome = await loadUnderCsp(true)
    expect(outcome).toEqual({ loaded: true, failures: [] })
    expect(cdnRequests).toBe(before + 1)
  })
})
