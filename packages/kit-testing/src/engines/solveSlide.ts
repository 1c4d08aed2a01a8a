import type { EnginePage } from './types'

/**
 * The emulator's slide puzzle by keyboard only, as a screen-reader user solves it, in any engine: the target
 * from the slider's description, the arrow keys to get there, Enter to confirm. The asked and reached positions.
 */
export async function solveSlideByKeyboard(page: EnginePage) {
  const slider = '[role=slider]'
  await page.waitFor(slider)
  const hint = await page.run<string>(
    `document.getElementById(document.querySelector('${slider}').getAttribute('aria-describedby')).textContent`,
  )
  const target = Number(/(\d+)\s*%/.exec(hint)?.[1])
  await page.run(`document.querySelector('${slider}').focus()`)
  await page.press('PageUp')
  for (let position = 10; position < target; position++) await page.press('ArrowRight')
  for (let position = 10; position > target; position--) await page.press('ArrowLeft')
  const reached = Number(await page.attribute(slider, 'aria-valuenow'))
  await page.press('Enter')
  return { target, reached }
}
