// @vitest-environment node
import { renderToString } from 'react-dom/server'
import { expect, it } from 'vitest'
import { Captcha } from './index'

it('renders in plain Node, without window', () => {
  expect(typeof window).toBe('undefined')
  expect(renderToString(<Captcha appKey="demo_app" />)).toContain('captchala_token')
})
