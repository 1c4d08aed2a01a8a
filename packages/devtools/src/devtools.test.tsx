import type { CaptchaEvent, TokenInfo } from '@captchala/core'
import { act, render } from '@testing-library/react'
import { mount } from '@vue/test-utils'
import { afterEach, describe, expect, it } from 'vitest'
import { h } from 'vue'
import { type CaptchaDevtoolsElement, defineCaptchaDevtools } from './CaptchaDevtoolsElement'
import { type CaptchaEventSource, createTrail } from './createTrail'
import { CaptchaDevtools as ReactDevtools } from './react'
import { CaptchaDevtools as VueDevtools } from './vue'

const TOKEN = 'pt_secret-token-body-that-must-never-show'
const info: TokenInfo = { id: 'k3j9x0a1b2', prefix: 'pt_', length: TOKEN.length, type: 'pass' }
const at = Date.now()

/** A widget stand-in: events sent by hand to whoever subscribed. */
function fakeWidget() {
  const listeners = new Set<(event: CaptchaEvent) => void>()
  const source: CaptchaEventSource = {
    subscribeEvents(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
  }
  const emit = (event: CaptchaEvent) => {
    for (const listener of listeners) listener(event)
  }
  return { source, emit, listeners }
}

const panelRows = (panel: Element) =>
  [...panel.shadowRoot!.querySelectorAll('tbody tr')].map((tr) => (tr as HTMLElement).dataset.type)

afterEach(() => document.body.replaceChildren())

describe('the trail', () => {
  it('follows a widget, names tokens by id only, and matches the server verdict to the browser row', () => {
    const trail = createTrail()
    const widget = fakeWidget()
    const detach = trail.attach(widget.source, 'login')
    widget.emit({ type: 'script:requested', url: 'https://cdn.example/captchala.js', at })
    widget.emit({ type: 'passed', token: info, expiresAt: at + 60_000, at })
    trail.verdict('login', {
      ok: false,
      code: 'token_expired',
      category: 'token',
      fix: 'verify again',
      tokenId: info.id,
      status: 403,
    })
    detach()
    widget.emit({ type: 'widget:ready', at })
    expect(trail.getSnapshot().map((row) => row.type)).toEqual(['script:requested', 'passed', 'server'])
    expect(trail.getSnapshot()[2]).toMatchObject({
      tone: 'error',
      tokenId: info.id,
      detail: expect.stringContaining("the login widget's"),
    })
    expect(trail.tokens()).toEqual([
      { source: 'login', id: info.id, type: 'pass', expiresAt: at + 60_000, state: 'held' },
    ])
    expect(JSON.stringify(trail.toJSON())).not.toContain('secret-token-body')
    expect(widget.listeners.size).toBe(0)
  })

  it('a spent token is no longer held', () => {
    const trail = createTrail()
    trail.event('login', { type: 'passed', token: info, expiresAt: at + 60_000, at })
    trail.event('login', { type: 'spent', token: info, at })
    expect(trail.tokens()).toEqual([expect.objectContaining({ state: 'spent', expiresAt: null })])
  })
})

describe('<captchala-devtools>', () => {
  it('renders rows as they come, the time left, and copies the trail without a token', async () => {
    defineCaptchaDevtools()
    const panel = document.createElement('captchala-devtools') as CaptchaDevtoolsElement
    document.body.append(panel)
    const trail = createTrail()
    panel.trail = trail
    expect(panel.shadowRoot!.querySelector('.empty')!.hasAttribute('hidden')).toBe(false)
    trail.event('login', { type: 'passed', token: info, expiresAt: Date.now() + 30_000, at })
    trail.event('login', { type: 'challenge:closed', at })
    expect(panelRows(panel)).toEqual(['passed', 'challenge:closed'])
    expect(panel.shadowRoot!.querySelector('ul')!.textContent).toMatch(
      /login: pass token id k3j9x0a1b2, (29|30) s left/,
    )
    let copied = ''
    const writeText = async (text: string) => {
      copied = text
    }
    Object.assign(navigator, { clipboard: { writeText } })
    panel.shadowRoot!.querySelector('button')!.click()
    await Promise.resolve()
    expect(JSON.parse(copied).rows).toHaveLength(2)
    expect(panel.shadowRoot!.querySelector('[role=status]')!.textContent).toBe('Copied.')
    trail.clear()
    expect(panelRows(panel)).toEqual([])
  })
})

describe('the wrappers attach before the widget mounts, and detach when they leave', () => {
  it('React: <CaptchaDevtools captcha={handle} />', () => {
    const widget = fakeWidget()
    const view = render(<ReactDevtools captcha={widget.source} data-testid="panel" />)
    // A binding gives a new handle object on every render, with the same subscription: nothing attaches again.
    view.rerender(<ReactDevtools captcha={{ ...widget.source }} data-testid="panel" />)
    expect(widget.listeners.size).toBe(1)
    act(() => widget.emit({ type: 'script:requested', url: 'https://cdn.example/captchala.js', at }))
    expect(panelRows(view.getByTestId('panel'))).toEqual(['script:requested'])
    view.unmount()
    expect(widget.listeners.size).toBe(0)
  })

  it('Vue: <CaptchaDevtools :captcha="handle" /> with several by name', async () => {
    const login = fakeWidget()
    const signup = fakeWidget()
    const wrapper = mount(() => h(VueDevtools, { captcha: { login: login.source, signup: signup.source } }), {
      attachTo: document.body,
    })
    await wrapper.vm.$nextTick()
    login.emit({ type: 'widget:ready', at })
    signup.emit({ type: 'challenge:started', background: false, at })
    const panel = document.querySelector('captchala-devtools')!
    expect(
      [...panel.shadowRoot!.querySelectorAll('tbody tr td:nth-child(2)')].map((td) => td.textContent),
    ).toEqual(['login', 'signup'])
    wrapper.unmount()
    expect(login.listeners.size + signup.listeners.size).toBe(0)
  })
})
