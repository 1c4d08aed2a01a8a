// What the fixture promises between tests, in order in one worker: a fault or a visitor set in one test is
// gone in the next, and a request for a host that is neither loopback nor CaptchaLa's fails the test.
import { expect, test } from '@captchala/testing/playwright'

test('a test that blocks the script and refuses the visitor', async ({ page, captchala }) => {
  await captchala.visitor('block')
  await captchala.faults({ scripts: 'down' })
  await page.goto('/')
  await page.getByRole('button', { name: 'Log in' }).click()
  await expect(page.getByText('The verification could not load.', { exact: false }).first()).toBeVisible()
})

test('the next test meets a healthy CaptchaLa and a visitor who passes', async ({ page, captchala }) => {
  await page.goto('/')
  await page.getByRole('button', { name: 'Log in' }).click()
  await expect(page.getByText('Welcome back.')).toBeVisible()
  expect(captchala.requests('/captchala.js')).toHaveLength(1)
})

test('a request for another host fails the test', async ({ page }) => {
  test.fail() // the fixture's check, after the test, is what fails it
  await page.goto('/')
  // the page and the server are well: what fails is the request below
  await expect(page.getByRole('button', { name: 'Log in' })).toBeVisible()
  expect(
    await page.evaluate(() =>
      fetch('https://example.com/').then(
        () => 'answered',
        () => 'refused',
      ),
    ),
  ).toBe('refused')
})
