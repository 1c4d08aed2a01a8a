import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { launchChromium, solveSlide } from '@captchala/kit-testing/chromium'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { emulator } from './client'

let emu: Awaited<ReturnType<typeof emulator>>
let site: Server
let siteUrl: string
let browser: Browser

// A site on its own loopback origin, as a real one is: the SDK comes from the emulator's.
const page = (emuUrl: string) => `<!doctype html><html><body>
  <form><div id="box"></div><button id="btn" type="button">Log in</button></form>
  <script src="${emuUrl}/captchala.js"></script>
  <script>
    window.run = (options, mount) => new Promise((resolve) => {
      const w = Captchala.init(options)
      w.onSuccess((res) => resolve({ success: res }))
        .onError((err) => resolve({ error: err }))
        .onClose(() => resolve({ closed: true }))
      window.widget = w
      mount === 'bind' ? w.bindTo('#btn') : w.appendTo('#box')
    })
  </script>
</body></html>`

beforeAll(async () => {
  emu = await emulator({ powDifficulty: 10 })
  site = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(page(emu.url)))
  await new Promise<void>((r) => site.listen(0, '127.0.0.1', r))
  siteUrl = `http://127.0.0.1:${(site.address() as AddressInfo).port}/`
  browser = await launchChromium()
}, 60_000)
afterAll(async () => {
  await browser?.close()
  site?.close()
  await emu?.close()
})

type Outcome = { success?: Record<string, unknown>; error?: unknown; closed?: boolean }

async function open(): Promise<Page> {
  const tab = await browser.newPage()
  await tab.goto(siteUrl)
  await tab.waitForFunction(() => 'Captchala' in window)
  return tab
}

async function run(
  tab: Page,
  appKey: string,
  product: string,
  act: (tab: Page) => Promise<void> = clickTrigger,
) {
  const outcome = tab.evaluate(
    ([key, prod]) =>
      (window as never as { run: (o: object, m: string) => Promise<Outcome> }).run(
        { appKey: key, product: prod, action: 'login' },
        prod,
      ),
    [appKey, product] as const,
  )
  await act(tab)
  return outcome
}

async function clickTrigger(tab: Page) {
  await tab.waitForSelector('.captchala-trigger, #btn')
  await tab.click((await tab.$('.captchala-trigger')) ? '.captchala-trigger' : '#btn')
}

// The medium tier by keyboard only: open it, then move the slider through its aria description.
async function solveSlideByKeyboard(tab: Page) {
  await clickTrigger(tab)
  const { target, reached } = await solveSlide(tab)
  expect(reached).toBe(target)
}

describe('each product with the invisible tier ends in onSuccess, and the token validates once', () => {
  for (const product of ['bind', 'popup', 'float', 'embed']) {
    it(product, async () => {
      const tab = await open()
      const outcome = await run(tab, 'test_pass_invisible', product)
      expect(outcome.success).toMatchObject({
        token: expect.stringMatching(/^pt_/),
        action: 'login',
        ttl: 120,
      })
      expect(outcome.success?.challengeId).toMatch(/^ch_/)
      const token = outcome.success!.token
      const first = await emu.validate(token, {}, 'test_pass_invisible')
      expect(first.body.data).toMatchObject({
        valid: true,
        action: 'login',
        captcha_args: { user_ip: '127.0.0.1' },
      })
      expect((await emu.validate(token, {}, 'test_pass_invisible')).body.data.error).toBe(
        'token_already_used',
      )
      if (product !== 'bind') expect(await tab.getAttribute('.captchala', 'data-state')).toBe('passed')
      await tab.close()
    })
  }
})

describe('each test key ends as documented', () => {
  it('test_pass_challenge: a slide puzzle solved with the keyboard', async () => {
    const tab = await open()
    const outcome = await run(tab, 'test_pass_challenge', 'popup', solveSlideByKeyboard)
    expect(outcome.success?.token).toMatch(/^pt_/)
    expect(await tab.$('.captchala-overlay')).toBeNull()
    await tab.close()
  })

  it('test_block: refused with a "message (code)" string', async () => {
    const tab = await open()
    expect((await run(tab, 'test_block', 'embed')).error).toBe('Verification refused (risk_rejected)')
    await tab.close()
  })

  it('test_degraded: a dg_ token', async () => {
    const tab = await open()
    expect((await run(tab, 'test_degraded', 'bind')).success?.token).toMatch(/^dg_/)
    await tab.close()
  })

  it('test_offline: an offline_ token that the backup validates once', async () => {
    const tab = await open()
    const outcome = await run(tab, 'test_offline', 'bind')
    expect(outcome.success).toMatchObject({ token: expect.stringMatching(/^offline_/), isOffline: true })
    const backup = await emu.post(
      '/api/validate',
      { pass_token: outcome.success!.token },
      emu.creds('test_offline'),
    )
    expect(backup.body.data.valid).toBe(true)
    await tab.close()
  })

  it('test_client_only: a client_ token made in the browser', async () => {
    const tab = await open()
    const outcome = await run(tab, 'test_client_only', 'bind')
    expect(outcome.success).toMatchObject({ token: expect.stringMatching(/^client_/), isClientOnly: true })
    await tab.close()
  })

  it('an unknown app key ends in onError with invalid_app_key', async () => {
    const tab = await open()
    expect((await run(tab, 'no_such_app', 'popup')).error).toMatchObject({ code: 'invalid_app_key' })
    await tab.close()
  })

  it('closing the challenge ends in onClose', async () => {
    const tab = await open()
    const outcome = await run(tab, 'test_pass_challenge', 'popup', async (t) => {
      await clickTrigger(t)
      await t.click('.captchala-close')
    })
    expect(outcome).toEqual({ closed: true })
    await tab.close()
  })
})

describe('the widget', () => {
  it('switches language in place and takes the dark theme and a custom colour', async () => {
    const tab = await open()
    await tab.evaluate(() => {
      const w = (
        window as never as {
          Captchala: { init: (o: object) => { appendTo: (s: string) => void; setLang: (l: string) => void } }
        }
      ).Captchala.init({
        appKey: 'demo_app',
        product: 'embed',
        lang: 'ja',
        theme: { custom: { color: 'rgb(255, 102, 0)', brightness: 'dark' } },
      })
      w.appendTo('#box')
      ;(window as never as { w: typeof w }).w = w
    })
    expect(await tab.textContent('.captchala-label')).toBe('クリックして認証')
    for (const [lang, text] of [
      ['ko', '클릭하여 인증'],
      ['zh-TW', '點擊進行驗證'],
      ['en', 'Click to verify'],
    ] as const) {
      await tab.evaluate(
        (l) => (window as never as { w: { setLang: (l: string) => void } }).w.setLang(l),
        lang,
      )
      expect(await tab.textContent('.captchala-label')).toBe(text)
    }
    expect(
      await tab.$eval('.captchala', (e) => [
        e.classList.contains('captchala-dark'),
        getComputedStyle(e).getPropertyValue('--captchala-accent').trim(),
      ]),
    ).toEqual([true, 'rgb(255, 102, 0)'])
    await tab.close()
  })
})
