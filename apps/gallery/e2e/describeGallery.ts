import { axeViolations } from '@captchala/kit-testing/axe'
import { type EngineBrowser, enginesToRun, launchEngine } from '@captchala/kit-testing/engines'
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest'
import '../src/languages'
import type { Framework } from '../src/codeSample'
import { STORIES } from '../src/stories'
import { HEALTHY } from '../src/switches'
import { describeAccessibility, describeLiveRegions } from './accessibilityTests'
import { useGalleryServers } from './galleryServers'
import { resultOf, STORY_DRIVERS, type StoryRun, testId } from './storyDrivers'

/** What the page's listener records of an uncaught error or an unhandled rejection. */
const UNCAUGHT = /^(error|unhandled rejection): /

/**
 * What a page may report and still pass, by what the story does on purpose. The page's own listener reports
 * the same in every engine; the drivers' consoles differ (Chromium logs a refused request's status and CSP
 * violations; Firefox a failed cross-origin request as an error; WebKit's driver reports no console).
 */
function expectedProblems(story: (typeof STORIES)[number]) {
  // A refused verdict answers 403, which Chromium's console reports.
  const refusals = [/status of 403/]
  if (story.scriptBlockedBy)
    return [
      ...refusals,
      /Content[- ]Security[- ]Policy|policy violation: script-src-elem .*captchala\.js/,
      /Trusted Type/,
      // the refused script element's error event
      /resource failed: .*captchala\.js/,
    ]
  // A slow script is only slow: nothing fails.
  if (story.switches?.scripts === 'slow') return refusals
  if (story.switches || story.failingFirstHost)
    return [
      ...refusals,
      /status of (404|503)|ERR_EMPTY/,
      /resource failed: .*captchala\.js/,
      /Cross-Origin Request Blocked|NetworkError|Loading failed for the <script>/,
    ]
  return refusals
}

/**
 * Every story of the gallery in each engine (Chromium, Firefox and WebKit from the system's packages), against
 * a real emulator and the reference backend serving the built app under its strict CSP: each ends in its
 * expected result, the backend's log agrees, and a screenshot of each is written to
 * `test-results/<framework>/<engine>/<story>.png`. The keyboard, devtools and language tests run in each
 * engine too.
 */
export function describeGallery(framework: Framework, distDir: string) {
  const servers = useGalleryServers(framework, distDir)

  it('covers every story', () => {
    expect(Object.keys(STORY_DRIVERS).sort()).toEqual(STORIES.map((s) => s.id).sort())
  })

  for (const engine of enginesToRun()) {
    describe(engine, () => {
      let browser: EngineBrowser
      beforeAll(async () => {
        browser = await launchEngine(engine)
      })
      afterAll(async () => {
        await browser?.close()
      })

      describeAccessibility(framework, servers, () => browser)
      if (engine === 'chromium') describeLiveRegions(framework, servers)

      for (const story of STORIES) {
        it(story.id, async () => {
          servers.forget()
          const page = await browser.newPage({ viewport: { width: 1280, height: 900 } })
          let step = 'open'
          const scriptRequests = () =>
            page.requests
              ? page.requests
                  .map((request) => request.url)
                  .filter((url) => /\/captchala\.js$/.test(new URL(url).pathname))
              : servers.scriptsAnswered
          // A failure (a timeout too) leaves what is needed to understand it in the CI log, which is all CI keeps.
          onTestFailed(async () => {
            const panel = await page
              .run<string[]>(
                `[...(document.querySelector('[data-testid=panel]')?.shadowRoot?.querySelectorAll('tr') ?? [])].map((tr) => tr.innerText)`,
              )
              .catch(() => [])
            console.error(
              JSON.stringify(
                {
                  engine,
                  story: story.id,
                  step,
                  url: await page.url().catch(String),
                  scriptRequests: scriptRequests(),
                  formPosts: servers.formPosts(),
                  problems: await page.problems().catch(String),
                  panel,
                  faults: await servers.emulator.readFaults().catch(String),
                  backend: servers.logs,
                },
                null,
                2,
              ),
            )
            await page.screenshot(servers.shot(engine, `${story.id}.failed`)).catch(() => {})
            await page.close().catch(() => {})
          })

          const submit: StoryRun['submit'] = async (action, expected) => {
            // Firefox's and WebKit's drivers click a point: a widget that mounts above the button as the
            // script arrives can move it from under the pointer. There the click waits for the widget to
            // settle; Chromium (Playwright checks what it hits) clicks at once, while the script may load.
            if (engine !== 'chromium')
              await page.until(
                () => page.text(testId(`status-${action}`)),
                (status) => status !== 'idle' && status !== 'loading',
                `the ${action} widget settled`,
              )
            await page.click(testId(`submit-${action}`))
            const result = await resultOf(page, action)
            expect(result).toMatchObject({ outcome: expected.outcome, code: expected.code ?? null })
            if (expected.tokenType) expect(result.tokenType).toBe(expected.tokenType)
            // The backend's record of this very request tells the same story, about the same token.
            const line = servers.verifications().find((l) => l.requestId === result.requestId)
            expect(line).toMatchObject({
              expectedAction: action,
              result: expected.outcome === 'ok' ? 'ok' : expect.stringMatching(/^(refused|unavailable)$/),
              code: expected.outcome === 'ok' ? null : expected.code,
              token: { id: result.tokenId, length: expect.any(Number) },
            })
          }

          step = 'goto'
          await page.goto(`${servers.base}/${framework}/#/${story.id}`)
          await page.waitFor(testId('story'))
          step = 'driver'
          await STORY_DRIVERS[story.id]!({
            page,
            scriptRequests,
            seesDroppedRequests: page.requests !== null,
            formPosts: servers.formPosts,
            verifications: servers.verifications,
            submit,
          })
          await page.screenshot(servers.shot(engine, story.id))
          // An uncaught error, a policy violation or a failed load the story does not cause is a defect.
          const problems = await page.problems()
          const expected = expectedProblems(story)
          // An uncaught error or rejection is a defect whatever the story: no pattern excuses it.
          const unexpected = (problem: string) =>
            UNCAUGHT.test(problem) || !expected.some((re) => re.test(problem))
          expect(problems.filter(unexpected)).toEqual([])
          // The page's own listener hears a policy's refusal in every engine, as the kit does.
          if (story.scriptBlockedBy === 'csp')
            expect(problems).toContainEqual(
              expect.stringMatching(/^policy violation: script-src-elem .*captchala\.js$/),
            )
          // Issue 23: whatever the story ended in, what the page draws (the kit's widgets, failure states and
          // status regions, the devtools panel, the gallery around them) has no serious or critical axe finding.
          // After the problems check: axe's own probing of styles is not the page's doing.
          step = 'axe'
          expect(await axeViolations(page)).toEqual([])
          if (story.switches) {
            // Leaving the story (another story reloads the page) puts the emulator's switches back.
            step = 'leave'
            const first = STORIES[0]!
            await page.click('a', { text: first.title })
            await page.waitFor('h1, h2', { text: first.title })
            await page.until(
              () => servers.emulator.readFaults(),
              (faults) => Object.entries(HEALTHY).every(([name, value]) => faults[name] === value),
              'the emulator’s switches back to healthy',
            )
          }
          step = 'close'
          await page.close()
        })
      }
    })
  }
}
