import type { CaptchaError, CaptchaOptions } from '@captchala/core'
import { expectTypeOf, test } from 'vitest'
import { type ComputedRef, createApp } from 'vue'
import type { CaptchaEmits, captchaProps, EVENT_NAMES } from './Captcha'
import { type Captcha, Captchala, useCaptcha } from './index'

test('public types', () => {
  const result = useCaptcha({ appKey: 'k', onError: (e) => expectTypeOf(e).toEqualTypeOf<CaptchaError>() })
  expectTypeOf(result.token).toEqualTypeOf<ComputedRef<string | null>>()
  expectTypeOf(result.status.value).toEqualTypeOf<
    'idle' | 'loading' | 'ready' | 'verifying' | 'passed' | 'expired' | 'error'
  >()
  expectTypeOf(result.execute).returns.resolves.toBeString()
  expectTypeOf(result.withToken(async () => 1)).resolves.toEqualTypeOf<number | undefined>()
  useCaptcha(() => ({ appKey: 'k', product: 'embed' }))
  // @ts-expect-error: there is no `inline` product (CONTRACT.md)
  useCaptcha({ appKey: 'k', product: 'inline' })
})

test('<Captcha> has a prop for each of the core options but its lifetime and clock', () => {
  expectTypeOf<Exclude<keyof typeof captchaProps, 'inputName' | 'modelValue'>>().toEqualTypeOf<
    Exclude<keyof CaptchaOptions, 'clock' | 'signal'>
  >()
})

test('<Captcha> declares every event it types, and the listeners get their payloads', () => {
  expectTypeOf<(typeof EVENT_NAMES)[number]>().toEqualTypeOf<keyof CaptchaEmits>()
  expectTypeOf<Parameters<CaptchaEmits['pass']>>().toEqualTypeOf<[token: string]>()
  type Listeners = InstanceType<typeof Captcha>['$props']
  expectTypeOf<Parameters<NonNullable<Listeners['onPass']>>>().toEqualTypeOf<[token: string]>()
  expectTypeOf<Parameters<NonNullable<Listeners['onError']>>>().toEqualTypeOf<[error: CaptchaError]>()
})

test('the plugin takes any subset of the options: the key may come with each <Captcha>', () => {
  createApp({}).use(Captchala, { loader: { src: 'http://127.0.0.1:8787/captchala.js' } })
})
