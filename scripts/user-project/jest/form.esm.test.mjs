// Jest, ESM (node --experimental-vm-modules): the packages' `import` builds.

import * as core from '@captchala/core'
import { createTestClock, installFakeCaptchala } from '@captchala/testing'
import { jest } from '@jest/globals'
import mountForm from './form.cjs'

let captchala
beforeEach(() => {
  captchala = installFakeCaptchala()
})
afterEach(() => captchala.uninstall())

test('two quick submits send one token (ESM, fake timers)', async () => {
  jest.useFakeTimers()
  const sent = []
  const { form, status } = mountForm(core, async (body) => sent.push(body))
  form.requestSubmit()
  form.requestSubmit()
  await jest.runAllTimersAsync()
  jest.useRealTimers()
  expect(status.textContent).toBe('sent')
  expect(sent).toEqual([{ email: 'a@b.c', captchala_token: captchala.tokens[0] }])
})

test('a refused visitor gets the SDK words, and the token expires with the test clock (ESM)', async () => {
  captchala.nextChallenge({ outcome: 'fail', code: 'risk_rejected' })
  const clock = createTestClock()
  const captcha = core.createCaptcha({ appKey: 'test_app', action: 'login', clock })
  captcha.mount(document.body.appendChild(document.createElement('div')))
  await expect(captcha.execute()).rejects.toMatchObject({
    code: 'sdk_error',
    sdkCode: 'risk_rejected',
    message: 'Verification refused',
  })
  await captcha.execute()
  await clock.advance(120_000)
  expect(captcha.getSnapshot().status).toBe('expired')
})
