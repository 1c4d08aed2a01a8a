import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { tokenId } from '../src/tokenId'

describe('tokenId', () => {
  it('is ten lower-case base-36 characters, the same every time for one token', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (token) => {
        const id = tokenId(token)
        expect(id).toMatch(/^[0-9a-z]{10}$/)
        expect(tokenId(token)).toBe(id)
      }),
    )
  })

  // A change here would make a browser built with one version and a server with another disagree.
  it('keeps its published value', () => {
    expect(tokenId('pt_example')).toBe(tokenId('pt_example'))
    expect([tokenId(''), tokenId('pt_example')]).toMatchInlineSnapshot(`
      [
        "wvjl67o803",
        "4in0xndqx6",
      ]
    `)
  })

  it('tells tokens apart that differ in one character', () => {
    const ids = new Set<string>()
    for (let n = 0; n < 20_000; n++) ids.add(tokenId(`pt_${n.toString(36).padStart(40, '-')}`))
    expect(ids.size).toBe(20_000)
  })
})
