// The emulator as CaptchaLa's own published clients use the real service (CONTRACT.md section 5), in
// Debian's Chromium, the site on another loopback origin than the emulator.
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { launchChromium } from '@captchala/kit-testing/chromium'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { emulator } from './client'

let emu: Awaited<ReturnType<typeof emulator>>
let site: Server
let sitePort: number
let browser: Browser
/** The bodies of the forms posted to the site's /submit. */
const posted: URLSearchParams[] = []

// The official wrappers' tags: async, in body, crossorigin="anonymous" on the script and the stylesheet.
const officialTags = (emuUrl: string) => `
  <link rel="stylesheet" href="${emuUrl}/captchala.css" crossorigin="anonymous">
  <script async src="${emuUrl}/captchala.js" crossorigin="anonymous"></script>`

const pages: Record<string, (emuUrl: string) => string> = {
  // The integration snippet the demo pages print: the callbacks and the mount point as init options.
  '/snippet': (emuUrl) => `<!doctype html><html><body><div id="box"></div>${officialTags(emuUrl)}
    <script>
      window.outcome = new Promise((resolve) => {
        const start = () => Captchala.init({
          appKey: 'test_pass_invisible', product: 'embed', action: 'login', container: '#box',
          onSuccess: (res) => resolve({ success: res }),
          onError: (err) => resolve({ error: err }),
        })
        window.Captchala ? start() : document.querySelector('script[src$="captchala.js"]').onload = start
      })
    </script></body></html>`,
  // WordPress's bootstrap: the SDK holds the bound submit button's click; onSuccess fills the hidden input
  // and the page submits the form itself.
  '/wordpress': (emuUrl) => `<!doctype html><html><body>
    <form id="f" method="post" action="/submit">
      <input name="log" value="ada">
      <input type="hidden" name="captchala_token" value="">
      <button id="btn" type="submit">Log in</button>
    </form>${officialTags(emuUrl)}
    <script>
      const start = () => Captchala.init({
        appKey: 'test_pass_invisible', product: 'bind', action: 'login', bindTo: '#btn',
        onSuccess: (res) => {
          document.querySelector('[name=captchala_token]').value = res.token
          document.getElementById('f').submit()
        },
      })
      window.Captchala ? start() : document.querySelector('script[src$="captchala.js"]').onload = start
    </script></body></html>`,
  // The demo's React and Vue pages: an sct_ its backend issued for `login`, and the official wrappers'
  // defaults (product popup, action 'default') for the widget.
  '/demo-sct': (emuUrl) => `<!doctype html><html><body><div id="box"></div>${officialTags(emuUrl)}
    <script>
      window.outcome = new Promise((resolve) => {
        const start = () => Captchala.init({
          appKey: 'test_pass_invisible', product: 'popup', action: 'default', serverToken: ${JSON.stringify(demoServerToken)},
        }).onSuccess((res) => resolve({ success: res })).onError((err) => resolve({ error: err })).appendTo('#box')
        window.Captchala ? start() : document.querySelector('script[src$="captchala.js"]').onload = start
      })
    </script></body></html>`,
}
/** The sct_ the demo page starts its widget with, issued by the test as the demo's backend does. */
let demoServerToken = ''

const listen = async (server: Server) => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return (server.address() as AddressInfo).port
}

beforeAll(async () => {
  emu = await emulator({ powDifficulty: 10 })
  site = createServer((req, res) => {
    if (req.method === 'POST' && req.url === '/submit') {
      let body = ''
      req.on('data', (chunk) => (body += chunk))
      req.on('end', () => {
        posted.push(new URLSearchParams(body))
        res.writeHead(200, { 'content-type': 'text/html' }).end('<p id="done">posted</p>')
      })
      return
    }
    const page = pages[req.url ?? '']
    if (!page) return void res.writeHead(404).end()
    res.writeHead(200, { 'content-type': 'text/html' }).end(page(emu.url))
  })
  sitePort = await listen(site)
  // site.test is this machine too, but not a secure context: no crypto.subtle on its pages.
  browser = await launchChromium({ args: ['--host-resolver-rules=MAP site.test 127.0.0.1'] })
}, 60_000)
afterAll(async () => {
  await browser?.close()
  site?.close()
  await emu?.close()
})

type Outcome = { success?: { token: string }; error?: unknown }
const outcomeOf = (tab: Page) =>
  tab.evaluate(() => (window as never as { outcome: Promise<Outcome> }).outcome)

describe('as the official wrappers and demo pages load and call it', () => {
  it('loads script and stylesheet with crossorigin="anonymous" from another origin, and takes the snippet form of init', async () => {
    const tab = await browser.newPage()
    await tab.goto(`http://127.0.0.1:${sitePort}/snippet`)
    await tab.waitForSelector('#box .captchala-trigger')
    // the crossorigin stylesheet applied (CORS-blocked, it would not have loaded)
    expect(await tab.$eval('link[crossorigin]', (link) => Boolean((link as HTMLLinkElement).sheet))).toBe(
      true,
    )
    await tab.click('.captchala-trigger')
    const outcome = await outcomeOf(tab)
    expect(outcome.success?.token).toMatch(/^pt_/)
    expect((await emu.validate(outcome.success!.token, {}, 'test_pass_invisible')).body.data.valid).toBe(true)
    await tab.close()
  })

  it('holds a bound submit button’s click until the challenge passes: one post, with a token', async () => {
    const tab = await browser.newPage()
    const before = posted.length
    await tab.goto(`http://127.0.0.1:${sitePort}/wordpress`)
    await tab.waitForFunction(() => 'Captchala' in window)
    await tab.click('#btn')
    await tab.waitForSelector('#done')
    const sent = posted.slice(before)
    expect(sent).toHaveLength(1)
    const token = sent[0]!.get('captchala_token')
    expect(token).toMatch(/^pt_/)
    expect((await emu.validate(token, {}, 'test_pass_invisible')).body.data.valid).toBe(true)
    await tab.close()
  })

  it('starts a widget whose action differs from its sct_ (the demo: issued for login, widget default)', async () => {
    const issued = await emu.post(
      '/v1/server/challenge/issue',
      { action: 'login', ttl: 300, max_uses: 10 },
      emu.creds('test_pass_invisible'),
    )
    demoServerToken = issued.body.data.server_token
    expect(demoServerToken).toMatch(/^sct_/)
    const tab = await browser.newPage()
    await tab.goto(`http://127.0.0.1:${sitePort}/demo-sct`)
    await tab.waitForSelector('#box .captchala-trigger')
    await tab.click('.captchala-trigger')
    const outcome = await outcomeOf(tab)
    expect(outcome.success?.token).toMatch(/^pt_/)
    // the action that counts is the widget's, bound into the pass token and echoed at validation
    const validated = await emu.validate(outcome.success!.token, {}, 'test_pass_invisible')
    expect(validated.body.data).toMatchObject({ valid: true, action: 'default' })
    await tab.close()
  })

  it('ends a challenge in onSuccess on a page without WebCrypto (plain http, not localhost)', async () => {
    const tab = await browser.newPage()
    await tab.goto(`http://site.test:${sitePort}/snippet`)
    expect(await tab.evaluate(() => [window.isSecureContext, Boolean(globalThis.crypto?.subtle)])).toEqual([
      false,
      false,
    ])
    await tab.waitForSelector('#box .captchala-trigger')
    await tab.click('.captchala-trigger')
    const outcome = await outcomeOf(tab)
    // the proof of work, hashed without WebCrypto, is accepted by the emulator's node:crypto check
    expect(outcome.success?.token).toMatch(/^pt_/)
    await tab.close()
  })
})
