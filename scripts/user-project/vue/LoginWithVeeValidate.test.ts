// The Vue README's VeeValidate recipe (pasted as it stands by userProject.mjs), with the fake browser SDK:
// the token is a required field, and a double submission sends the fields once with one token.

import { type FakeCaptchala, installFakeCaptchala } from '@captchala/testing'
import { Captcha } from '@captchala/vue'
import { flushPromises, mount } from '@vue/test-utils'
import { afterEach, beforeEach, expect, it, vi } from 'vitest'
import LoginWithVeeValidate from './LoginWithVeeValidate.vue'

let captchala: FakeCaptchala
beforeEach(() => {
  captchala = installFakeCaptchala()
})
afterEach(() => {
  captchala.uninstall()
  vi.unstubAllGlobals()
})

it('VeeValidate: no token, no request; verified, a double submit sends once; then the field empties', async () => {
  const fetch = vi.fn(async (_url: string, _init: RequestInit) => Response.json({ ok: true }))
  vi.stubGlobal('fetch', fetch)
  const wrapper = mount(LoginWithVeeValidate, { attachTo: document.body })
  await wrapper.get('input[type=email]').setValue('ada@example.com')
  await wrapper.get('form').trigger('submit')
  await vi.waitFor(() => expect(wrapper.text()).toContain('Please verify that you are human first.'), {
    timeout: 60_000,
  })
  expect(fetch).not.toHaveBeenCalled()

  await wrapper.findComponent(Captcha).vm.execute()
  await flushPromises()
  await wrapper.get('form').trigger('submit')
  await wrapper.get('form').trigger('submit')
  await vi.waitFor(() => expect(wrapper.text()).toContain('Welcome back.'), { timeout: 60_000 })
  expect(fetch).toHaveBeenCalledTimes(1)
  const body = JSON.parse(String(fetch.mock.calls[0]?.[1].body))
  expect(body).toEqual({ email: 'ada@example.com', captchala_token: captchala.tokens[0] })
  // Spent: the field is empty again, and the form says so at the next try.
  await wrapper.get('form').trigger('submit')
  await vi.waitFor(() => expect(wrapper.text()).toContain('Please verify that you are human first.'), {
    timeout: 60_000,
  })
  expect(fetch).toHaveBeenCalledTimes(1)
  wrapper.unmount()
})
