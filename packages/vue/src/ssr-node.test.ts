// @vitest-environment node
import { renderToString } from '@vue/server-renderer'
import { expect, it } from 'vitest'
import { createSSRApp, h } from 'vue'
import { Captcha } from './index'

it('renders in plain Node, without window', async () => {
  expect(typeof window).toBe('undefined')
  expect(await renderToString(createSSRApp(() => h(Captcha, { appKey: 'demo_app' })))).toContain(
    'captchala_token',
  )
})
