import type { Page } from '@playwright/test'

/**
 * Solves the emulator's slide puzzle (the `puzzle` visitor) as a keyboard user would: reads the asked
 * position from the slider's description, moves there with the arrow keys, confirms with Enter. Waits for
 * the puzzle to appear, so call it right after the click that starts the challenge.
 */
export async function solvePuzzle(page: Page): Promise<void> {
  const slider = page.getByRole('slider')
  const description = page.locator(`#${await slider.getAttribute('aria-describedby')}`)
  const target = Number(/(\d+)\s*%/.exec((await description.textContent()) ?? '')?.[1])
  if (!Number.isInteger(target)) throw new Error('captchala: the puzzle names no position to slide to')
  await slider.press('Home')
  for (let tens = 0; tens < Math.floor(target / 10); tens++) await slider.press('PageUp')
  for (let ones = 0; ones < target % 10; ones++) await slider.press('ArrowRight')
  await slider.press('Enter')
}
