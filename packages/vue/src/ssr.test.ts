import { createFakeCaptchala } from '@captchala/testing'
import { renderToString } from '@vue/server-renderer'
import { describe, expect, it, vi } from 'vitest'
import { createSSRApp, h, nextTick } from 'vue'
import { Captcha } from './index'

describe('server rendering', () => {
  it('renders without the SDK and hydrates without a mismatch warning', async () => {
    const root = () => h('form', [h(Captcha, { appKey: 'demo_app', action: 'login' })])
    const html = await renderToString(createSSRApp(root))
    expect(html).toContain('name="captchala_token"')

    const fake = createFakeCaptchala()
    window.Captchala = fake.sdk
    const container = document.body.appendChild(document.createElement('div'))
    container.innerHTML = html
    const warn = vi.spyOn(console, 'warn')
    const error = vi.spyOn(console, 'error')
    createSSRApp(root).mount(container)
    await nextTick()
    await new Promise((r) => setTimeout(r, 0))
    expect(warn).not.toHaveBeenCalled()
    expect(error).not.toHaveBeenCalled()
    expect(fake.widgets).toHaveLength(1)
  })
})
