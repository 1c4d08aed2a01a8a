import { describe, expect, it } from 'vitest'
import { optionsChanged } from './binding'

describe('optionsChanged: when a binding gives the controller its options again', () => {
  it('not for a render that writes the same options anew, inline objects and callbacks included', () => {
    const render = () => ({
      appKey: 'demo_app',
      loader: { src: ['http://127.0.0.1:8787'], nonce: 'n' },
      theme: { custom: { color: '#c2185b', brightness: 'dark' } },
      onPass: () => {},
    })
    expect(optionsChanged(render(), render())).toBe(false)
  })

  it('for any value that differs, a key that comes or goes, a host added to the list', () => {
    const base = { appKey: 'a', loader: { src: ['x'] } }
    expect(optionsChanged(base, { ...base, appKey: 'b' })).toBe(true)
    expect(optionsChanged(base, { ...base, lang: 'ja' })).toBe(true)
    expect(optionsChanged(base, { appKey: 'a' })).toBe(true)
    expect(optionsChanged(base, { appKey: 'a', loader: { src: ['x', 'y'] } })).toBe(true)
  })

  it('by identity for what is no literal: a new server-token function, another policy object', () => {
    const fetchToken = async () => 'sct_1'
    expect(optionsChanged({ serverToken: fetchToken }, { serverToken: fetchToken })).toBe(false)
    expect(optionsChanged({ serverToken: fetchToken }, { serverToken: async () => 'sct_1' })).toBe(true)
    class Policy {}
    expect(optionsChanged({ loader: { policy: new Policy() } }, { loader: { policy: new Policy() } })).toBe(
      true,
    )
  })
})
