import { createFakeCaptchala } from '@captchala/testing'
import { act } from '@testing-library/react'
import { hydrateRoot } from 'react-dom/client'
import { renderToString } from 'react-dom/server'
import { describe, expect, it, vi } from 'vitest'
import { Captcha } from './index'

describe('server rendering', () => {
  it('renders without touching the SDK and hydrates without a mismatch warning', async () => {
    const app = (
      <form>
        <Captcha appKey="demo_app" action="login" />
      </form>
    )
    const html = renderToString(app)
    expect(html).toContain('name="captchala_token"')
    expect(html).toContain('value=""')

    const fake = createFakeCaptchala()
    window.Captchala = fake.sdk
    const container = document.body.appendChild(document.createElement('div'))
    container.innerHTML = html
    const errors = vi.spyOn(console, 'error')
    const recoverable = vi.fn()
    await act(async () => {
      hydrateRoot(container, app, { onRecoverableError: recoverable })
    })
    await act(async () => {})
    expect(errors).not.toHaveBeenCalled()
    expect(recoverable).not.toHaveBeenCalled()
    expect(fake.widgets).toHaveLength(1)
  })
})
