// Both quick starts with `product="bind"`, on a page whose Content-Security-Policy blocks CaptchaLa's script (as
// a strict policy that forgot its host does): the visitor's click on "Log in" is answered with the words for a
// loading failure, and nothing reaches CaptchaLa. Firefox runs the same pages (e2e-firefox.mjs).
import { expect, test } from '@captchala/testing/playwright'

const LOADING_WORDS =
  'The verification could not load. Check your connection or content blocker, then try again.'

for (const [name, path] of [
  ['React', '/bind/'],
  ['Vue', '/vue-bind/'],
] as const) {
  test(`${name} quick start with bind, its script blocked by the page's policy: the click is answered`, async ({
    page,
    captchala,
  }) => {
    const violations: string[] = []
    page.on('console', (message) => {
      if (/Content Security Policy/.test(message.text())) violations.push(message.text())
    })
    await page.goto(path)
    await page.getByRole('button', { name: 'Log in' }).click()
    await expect(page.locator('form > p[role=status]')).toHaveText(LOADING_WORDS)
    expect(violations.length).toBeGreaterThan(0)
    expect(captchala.requests()).toEqual([])
  })
}
