import { createFakeCaptchala, type FakeCaptchala } from '@captchala/testing'
import { afterEach, beforeEach, vi } from 'vitest'

/**
 * For a test file of the kit: fake timers and a fresh fake SDK on `window.Captchala` before each test, all
 * undone after (with `cleanup`, e.g. Testing Library's, run first). Returns a getter for the current fake.
 */
export function installFakeSdk(cleanup: () => void = () => {}) {
  let fake: FakeCaptchala
  beforeEach(() => {
    vi.useFakeTimers()
    fake = createFakeCaptchala()
    fake.install()
  })
  afterEach(() => {
    cleanup()
    vi.useRealTimers()
    fake.uninstall()
  })
  return () => fake
}
