// Both quick starts' Login (React at /, Vue at /vue/), beyond the testing README's spec: the puzzle, a closed
// challenge, an expired one, a degraded token, a double click. Run in parallel, so both workers take part:
// each test records which emulator and which server its worker gave it (checked by userProject.mjs).
import { appendFileSync } from 'node:fs'
import { expect, test } from '@captchala/testing/playwright'

test.describe.configure({ mode: 'parallel' })

test.afterEach(async ({ captchala, baseURL }, testInfo) => {
  const pair = { worker: testInfo.workerIndex, emulator: captchala.emulatorUrl, server: baseURL }
  appendFileSync(process.env.WORKER_PAIRS_FILE ?? 'worker-pairs.jsonl', `${JSON.stringify(pair)}\n`)
})

for (const [name, path] of [
  ['React', '/'],
  ['Vue', '/vue/'],
] as const) {
  test.describe(`${name} quick start`, () => {
    test('a visitor who solves the puzzle is logged in', async ({ page, captchala }) => {
      await captchala.visitor('puzzle')
      await page.goto(path)
      await page.getByRole('button', { name: 'Log in' }).click()
      await captchala.solvePuzzle()
      await expect(page.getByText('Welcome back.')).toBeVisible()
      expect(captchala.requests('/v1/validate')).toHaveLength(1)
    })

    test('a visitor who closes the challenge is asked to try again, and nothing is sent', async ({
      page,
      captchala,
    }) => {
      await captchala.visitor('close')
      await page.goto(path)
      await page.getByRole('button', { name: 'Log in' }).click()
      await expect(page.getByText('Verification did not succeed. Please try again.').first()).toBeVisible()
      expect(captchala.requests('/v1/validate')).toHaveLength(0)
    })

    test('a challenge left until it expired asks the visitor to verify again', async ({
      page,
      captchala,
    }) => {
      await captchala.visitor('expire')
      await page.goto(path)
      await page.getByRole('button', { name: 'Log in' }).click()
      await expect(
        page.getByText('This verification expired or was already used. Please verify again.').first(),
      ).toBeVisible()
      expect(captchala.requests('/v1/validate')).toHaveLength(0)
    })

    test('a degraded token is refused by the server, in the visitor`s words', async ({ page, captchala }) => {
      await captchala.visitor('degraded')
      await page.goto(path)
      const answer = page.waitForResponse('/api/login')
      await page.getByRole('button', { name: 'Log in' }).click()
      expect((await answer).status()).toBe(403)
      await expect(
        page.getByText('Verification is limited right now. Please try again in a few minutes.'),
      ).toBeVisible()
    })

    test('a double click sends one token and gets one validation', async ({ page, captchala }) => {
      await page.goto(path)
      await page.getByRole('button', { name: 'Log in' }).dblclick()
      await expect(page.getByText('Welcome back.')).toBeVisible()
      expect(captchala.requests('/v1/validate')).toHaveLength(1)
    })
  })
}
