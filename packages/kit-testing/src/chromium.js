// Plain JavaScript (with chromium.d.ts beside it) so that benches and scripts run by plain Node can use it too.
import { chromium } from 'playwright-core'
import { CHROMIUM_HINT, findChromium } from './systemTools.js'

// A system Chromium, or Playwright's own download where one can be had (CI uses Debian's: no browser can be
// downloaded there). Without the background-networking flags it keeps trying to reach Google's hosts, which
// a closed network refuses.
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
]

export function launchChromium({ args = [] } = {}) {
  const executablePath = findChromium()
  if (!executablePath) throw new Error(`No Chromium found: ${CHROMIUM_HINT}`)
  return chromium.launch({ executablePath, args: [...FLAGS, ...args] })
}

// The medium tier by keyboard only, as a screen-reader user would: read the target from the slider's
// description, move there with the arrow keys, confirm with Enter. Returns the position it moved to.
export async function solveSlide(page) {
  const handle = await page.waitForSelector('[role=slider]')
  const hint = await page.textContent(`#${await handle.getAttribute('aria-describedby')}`)
  const target = Number(/(\d+)\s*%/.exec(hint ?? '')?.[1])
  await handle.focus()
  await page.keyboard.press('PageUp')
  for (let v = 10; v < target; v++) await page.keyboard.press('ArrowRight')
  for (let v = 10; v > target; v--) await page.keyboard.press('ArrowLeft')
  const reached = Number(await handle.getAttribute('aria-valuenow'))
  await page.keyboard.press('Enter')
  return { target, reached }
}
