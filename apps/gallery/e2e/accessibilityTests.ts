import { visitorMessage, visitorWordsFor } from '@captchala/core'
import { axeViolations } from '@captchala/kit-testing/axe'
import { launchChromium } from '@captchala/kit-testing/chromium'
import {
  chromiumDriverPage,
  type EngineBrowser,
  type EnginePage,
  pageOver,
} from '@captchala/kit-testing/engines'
import { expect, it } from 'vitest'
import type { Framework } from '../src/codeSample'
import { LANGUAGES } from '../src/stories'
import type { GalleryServers } from './galleryServers'
import { formPostReturned, resultOf, testId, tokenInForm } from './storyDrivers'

const VIEWPORT = { width: 1280, height: 900 }

/** Tab until `selector` has the focus (at most 80 times) and say whether it got there. */
async function tabTo(page: EnginePage, selector: string) {
  for (let tabs = 0; tabs < 80 && !(await page.focused(selector)); tabs++) await page.press('Tab')
  return page.focused(selector)
}

/** Opens a page, runs `steps` on it and closes it, whatever happens. */
async function onPage(browser: EngineBrowser, steps: (page: EnginePage) => Promise<void>) {
  const page = await browser.newPage({ viewport: VIEWPORT })
  try {
    await steps(page)
  } finally {
    await page.close()
  }
}

/**
 * The keyboard-only paths, the devtools trail, and the failure state and verdicts in every language: in the
 * engine `browser()` gives. What a screen reader hears needs a clock to move the token past its life, which
 * only Playwright has: that test runs in Chromium.
 */
export function describeAccessibility(
  framework: Framework,
  servers: GalleryServers,
  browser: () => EngineBrowser,
) {
  const open = (page: EnginePage, story: string) => page.goto(`${servers.base}/${framework}/#/${story}`)
  const shot = (page: EnginePage, name: string, selector?: string) =>
    page.screenshot(servers.shot(page.engine, name), selector)

  // Issue 22: the widget kept disabling its own focused button while it verified, which drops the focus to
  // <body>; the galleries' keyboard paths worked only because Tab still reached the submit button.
  it('keyboard only: Tab to the widget, Space, and the focus stays on it until it passes', () =>
    onPage(browser(), async (page) => {
      await open(page, 'embed-contact')
      const trigger = `${testId('form-contact')} .captchala-trigger`
      await page.waitFor(trigger)
      expect(await tabTo(page, trigger)).toBe(true)
      await page.press('Space')
      await page.waitFor(`${testId('form-contact')} .captchala[data-state=passed]`)
      expect(await page.focused(trigger)).toBe(true)
      expect(await page.attribute(trigger, 'aria-busy')).toBe('false')
      await shot(page, 'keyboard-only')
    }))

  // Issue 24: the devtools panel (@captchala/devtools) in place of the galleries' own: each trail names its
  // cause, the server's verdict sits beside the browser's rows of the same token id, and axe finds nothing
  // serious in it.
  it('devtools: the trail of a pass, a closed challenge, a blocked script and a refused submission', () =>
    onPage(browser(), async (page) => {
      const row = (type: string) => `[data-testid=panel] >>> tr[data-type="${type}"]`
      const openStory = async (story: string) => {
        await open(page, story)
        await page.waitFor(testId('story'))
        // A story's page is a new document: wait for its panel to be drawn.
        await page.waitFor('[data-testid=panel] >>> tbody')
      }
      const panelShot = (name: string) => shot(page, `devtools-${name}`, testId('panel'))

      await openStory('invisible-login')
      await page.click(testId('submit-login'))
      await page.waitFor(row('server'))
      const passedId = await page.attribute(row('passed'), 'data-token-id')
      expect(passedId).toMatch(/^[0-9a-z]{10}$/)
      expect(await page.attribute(row('server'), 'data-token-id')).toBe(passedId)
      expect(await page.attribute(row('server'), 'data-tone')).toBe('ok')
      expect(await page.text(row('server'))).toContain(`token id ${passedId} (the login widget's`)
      expect(await page.text('[data-testid=panel] >>> li')).toMatch(
        new RegExp(`login: pass token id ${passedId}, spent`),
      )
      expect(await axeViolations(page, 'captchala-devtools')).toEqual([])
      await panelShot('pass')

      await openStory('slide-challenge')
      await page.click(testId('submit-login'))
      await page.click('.captchala-close')
      await page.waitFor(row('challenge:closed'))
      expect(await page.text(row('challenge:closed'))).toContain('closed by the visitor')
      await panelShot('closed')

      await openStory('script-fallback-host')
      await page.waitFor(row('script:loaded'))
      expect(await page.text(row('script:failed'))).toMatch(/script_[a-z_]+: .*no-such-host/)
      expect(await page.attribute(row('script:failed'), 'data-tone')).toBe('warn')
      await panelShot('blocked-script')

      await openStory('degraded')
      await page.click(testId('submit-login'))
      await page.waitFor(row('server'))
      expect(await page.attribute(row('server'), 'data-tone')).toBe('error')
      expect(await page.text(row('server'))).toMatch(
        /HTTP 403, policy: degraded_rejected, request \S+, token id [0-9a-z]{10}/,
      )
      expect(await axeViolations(page, 'captchala-devtools')).toEqual([])
      await panelShot('refused')
    }))

  // Issue 23: the login and the native form, sent with the keyboard alone: Tab to the control, Enter or Space.
  it('keyboard only: the login and the native form complete without a pointer', () =>
    onPage(browser(), async (page) => {
      await open(page, 'invisible-login')
      await page.waitFor(testId('status-login'), { text: 'ready' })
      expect(await tabTo(page, testId('submit-login'))).toBe(true)
      await page.press('Enter')
      expect(await resultOf(page, 'login')).toMatchObject({ outcome: 'ok', tokenType: 'pass' })

      await open(page, 'native-form')
      await page.waitFor(testId('story'))
      const form = testId('form-contact')
      await page.waitFor(`${form} .captchala-trigger`)
      expect(await tabTo(page, `${form} .captchala-trigger`)).toBe(true)
      await page.press('Space')
      await tokenInForm(page, form)
      expect(await tabTo(page, testId('submit-contact'))).toBe(true)
      await page.press('Enter')
      await formPostReturned(page)
      expect((await resultOf(page, 'contact')).outcome).toBe('ok')
      await shot(page, 'keyboard-native-form')
    }))

  // Issue 23: in each language CaptchaLa's SDKs speak, the kit's failure state and a refused verdict read in
  // that language (the gallery's page language: `#/<story>?lang=ja`).
  it('every language: the failure state and a refused verdict in the visitor’s words', () =>
    onPage(browser(), async (page) => {
      // The words are the kit's, the same in every engine: all 8 languages in Chromium; English and Japanese
      // (a script of its own) elsewhere, which shows each engine draws them.
      const languages = page.engine === 'chromium' ? LANGUAGES : (['en', 'ja'] as const)
      await servers.emulator.faults({ risk: 'high' })
      for (const lang of languages) {
        await open(page, `native-form?lang=${lang}`)
        const form = testId('form-contact')
        await page.click(`${form} .captchala-trigger`)
        const failure = `${form} .captchala-status .captchala-failure`
        await page.waitFor(failure)
        const words = visitorWordsFor(lang)
        expect(await page.text(failure), lang).toBe(
          `${visitorMessage({ code: 'risk_rejected' }, lang)} ${words.retry}`,
        )
        expect(await page.text(`${failure} button`), lang).toBe(words.retry)
        // The failure state as drawn, in this language: nothing serious or critical for axe.
        expect(await axeViolations(page, form), lang).toEqual([])
        await shot(page, `failure-${lang}`, form)
        // A new page for the next language: the hash's query alone would not reload it.
        await page.goto('about:blank')
      }
      await servers.emulator.faults({ risk: 'app' })
      for (const lang of languages) {
        await open(page, `degraded?lang=${lang}`)
        await page.click(testId('submit-login'))
        const result = await resultOf(page, 'login')
        expect(result.code, lang).toBe('degraded_rejected')
        expect(result.text, lang).toBe(
          visitorMessage({ error: 'degraded_rejected', category: 'policy' }, lang),
        )
        await shot(page, `refused-${lang}`, testId('form-login'))
        await page.goto('about:blank')
      }
    }))
}

/**
 * Issue 23: what a screen reader hears, read from every live region of the page as it changes (the recorder
 * the backend puts first in the page, `LIVE_REGION_RECORDER`): the pass once
 * (the SDK's widget says it), the expiry once (the kit's status region; the page's clock moved past the
 * token's life) and the failure once (the kit's failure state). Chromium only: it needs Playwright's clock.
 */
export function describeLiveRegions(framework: Framework, servers: GalleryServers) {
  it('live regions: a pass, an expiry and a failure are each announced once', async () => {
    const browser = await launchChromium()
    const playwrightPage = await browser.newPage({ viewport: VIEWPORT })
    await playwrightPage.clock.install()
    const page = pageOver('chromium', chromiumDriverPage(playwrightPage))
    const heard = () => page.run<string[]>('window.heard')
    const hears = (text: string) =>
      page.until(heard, (all) => all.includes(text), `a live region saying “${text}”`)
    try {
      await page.goto(`${servers.base}/${framework}/#/native-form`)
      const form = testId('form-contact')
      await page.click(`${form} .captchala-trigger`)
      await tokenInForm(page, form)
      // The widget's own region says it ("Verified"); the kit's stays silent.
      await hears('Verified')

      await playwrightPage.clock.fastForward('30:00')
      const expired = visitorWordsFor('en').expired
      await hears(expired)

      await servers.emulator.faults({ risk: 'high' })
      await page.click(`${form} .captchala-trigger`)
      const failed = `${visitorMessage({ code: 'risk_rejected' }, 'en')} ${visitorWordsFor('en').retry}`
      await hears(failed)
      await page.screenshot(servers.shot('chromium', 'live-regions'))
      const all = await heard()
      const times = (text: string) => all.filter((said) => said === text).length
      expect(times('Verified')).toBe(1)
      expect(times(expired)).toBe(1)
      expect(times(failed)).toBe(1)
    } finally {
      await browser.close()
    }
  })
}
