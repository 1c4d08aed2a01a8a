import type { CaptchaError } from '@captchala/core'
import { createRef } from 'react'
import { expectTypeOf, test } from 'vitest'
import { Captcha, type CaptchaHandle, type CaptchaProps, CaptchaProvider, useCaptcha } from './index'

test('public types', () => {
  expectTypeOf<CaptchaProps['onPass']>().toEqualTypeOf<((token: string) => void) | undefined>()
  expectTypeOf<CaptchaProps['onError']>().toEqualTypeOf<((error: CaptchaError) => void) | undefined>()
  expectTypeOf<CaptchaProps['inputName']>().toEqualTypeOf<string | false | undefined>()
  expectTypeOf<CaptchaHandle['withToken']>().returns.toEqualTypeOf<Promise<unknown>>()
  const result = useCaptcha({ appKey: 'k' })
  expectTypeOf(result.status).toEqualTypeOf<
    'idle' | 'loading' | 'ready' | 'verifying' | 'passed' | 'expired' | 'error'
  >()
  expectTypeOf(result.token).toEqualTypeOf<string | null>()
  expectTypeOf(result.execute).returns.resolves.toBeString()
  expectTypeOf(result.withToken(async () => 1)).resolves.toEqualTypeOf<number | undefined>()
  const handle = createRef<CaptchaHandle>()
  ;<Captcha
    ref={handle}
    appKey="k"
    product="bind"
    theme={{ custom: { color: '#f60', brightness: 'dark' } }}
  />
  // @ts-expect-error: there is no `inline` product (CONTRACT.md)
  ;<Captcha appKey="k" product="inline" />
})

test('the provider takes any subset of the options: the key may come with each captcha', () => {
  ;<CaptchaProvider loader={{ src: 'http://127.0.0.1:8787/captchala.js' }}>
    <Captcha appKey="k" />
  </CaptchaProvider>
})
