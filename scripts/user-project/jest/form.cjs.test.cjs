// Jest, CommonJS: the packages' `require` builds.
const core = require('@captchala/core')
const { installFakeCaptchala } = require('@captchala/testing')
const mountForm = require('./form.cjs')

let captchala
beforeEach(() => {
  captchala = installFakeCaptchala()
})
afterEach(() => captchala.uninstall())

test('two quick submits send one token (CommonJS)', async () => {
  const sent = []
  const { form, status } = mountForm(core, async (body) => sent.push(body))
  form.requestSubmit()
  form.requestSubmit()
  await waitFor(() => status.textContent === 'sent')
  expect(sent).toEqual([{ email: 'a@b.c', captchala_token: captchala.tokens[0] }])
})

test('a closed challenge is a CaptchaError with a message (CommonJS)', async () => {
  captchala.nextChallenge('close')
  const { form, status } = mountForm(core, async () => {})
  form.requestSubmit()
  await waitFor(() => status.textContent !== '')
  expect(status.textContent).toMatch(/closed/i)
})

async function waitFor(condition) {
  for (let i = 0; i < 100 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 10))
}
