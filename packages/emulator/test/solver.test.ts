import { createHash } from 'node:crypto'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createPowSolver } from '../src/browser/sdk/powSolver'
import { createSha256 } from '../src/browser/sdk/sha256'
import { powBits } from '../src/tokens'

// The browser SDK's own SHA-256 runs where the page has no WebCrypto (plain http from a non-local host);
// Chromium's tests always have WebCrypto, so it is checked here against Node's.
describe('the browser SDK without WebCrypto', () => {
  const sha256 = createSha256()

  it('hashes as Node does, at every length around the padding boundaries', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        const expected = createHash('sha256').update(bytes).digest()
        expect(Buffer.from(sha256(bytes)).equals(expected)).toBe(true)
      }),
    )
  })

  it('solves a proof of work the emulator accepts, with that hash alone', async () => {
    const subtle = Object.getOwnPropertyDescriptor(globalThis, 'crypto')
    Object.defineProperty(globalThis, 'crypto', { value: {}, configurable: true })
    try {
      const solve = createPowSolver(sha256)
      const result = await solve('salt-of-the-test', 8)
      expect(result).toHaveProperty('nonce')
      if ('nonce' in result) expect(powBits('salt-of-the-test', result.nonce)).toBeGreaterThanOrEqual(8)
    } finally {
      if (subtle) Object.defineProperty(globalThis, 'crypto', subtle)
    }
  })

  it('runs in a scope of its own, as the worker pastes it', async () => {
    // The factories' source, evaluated with nothing of this module in reach.
    const solve = new Function(`return (${createPowSolver})((${createSha256})())`)()
    const result = await solve('another-salt', 6)
    expect(powBits('another-salt', result.nonce)).toBeGreaterThanOrEqual(6)
  })
})
