import type { Page } from '@playwright/test'

/**
 * Who the next visitor is, in the unit-test fake's words where they overlap (`pass`, `close`, `expire`;
 * `block` is the fake's `fail` with `risk_rejected`), played by the emulator's risk engine and, for `close`
 * and `expire`, by the visitor's own hand in the page.
 */
export type Visitor = 'pass' | 'puzzle' | 'block' | 'close' | 'expire' | 'degraded' | 'offline'

/**
 * Each visitor as the emulator's switches. Every visitor writes the same three (the risk tier, the quota and
 * the main API's), so one visitor never inherits another's; faults switched after it stay.
 */
export const VISITOR_SWITCHES: Record<Visitor, object> = {
  pass: { risk: 'low', quotaExhausted: false, main: 'up' },
  puzzle: { risk: 'medium', quotaExhausted: false, main: 'up' },
  block: { risk: 'high', quotaExhausted: false, main: 'up' },
  close: { risk: 'medium', quotaExhausted: false, main: 'up' },
  expire: { risk: 'medium', quotaExhausted: false, main: 'up' },
  degraded: { risk: 'low', quotaExhausted: true, main: 'up' },
  // CaptchaLa's main API down: the browser gets an `offline_` token, valid once at the backup
  offline: { risk: 'low', quotaExhausted: false, main: 'down' },
}

/** Longer than the emulator's challenges live (120 s), so a challenge answered after it is expired. */
const PAST_A_CHALLENGE_LIFE_MS = 10 * 60_000

/**
 * What the visitor does by hand once the puzzle shows, for as long as the test runs: `close` dismisses it,
 * `expire` lets it run out (the emulator's clock moved past its life) and then answers it. Returns a stop.
 */
export function playByHand(
  page: Page,
  visitor: Visitor,
  advanceClock: (ms: number) => Promise<void>,
): () => void {
  let playing = true
  const slider = page.getByRole('slider')
  const closeButton = page.locator('.captchala-close')
  // Each step waits, then acts only if this visitor is still the one in force: a step begun before the
  // test named another visitor (or ended) does nothing.
  const act = async () => {
    if (visitor === 'close') {
      await closeButton.waitFor()
      if (playing) await closeButton.click()
      return
    }
    await slider.waitFor()
    if (playing) await advanceClock(PAST_A_CHALLENGE_LIFE_MS)
    if (playing) await slider.press('Enter')
  }
  const loop = async () => {
    // Every puzzle the kit starts again gets the same visitor, as a person who keeps closing it would.
    while (playing) {
      await act()
      await slider.waitFor({ state: 'detached' })
    }
  }
  if (visitor === 'close' || visitor === 'expire') loop().catch(() => {}) // ends with the page
  return () => {
    playing = false
  }
}
