// Plain JavaScript (with chromium.d.ts beside it) so that benches and scripts run by plain Node can use it too.
import { existsSync } from 'node:fs'
import { chromium } from 'playwright-core'

export const CHROMIUM = '/usr/bin/chromium'

// Debian's Chromium, never a downloaded one; without the background-networking flags it keeps trying to
// reach Google's hosts, which this machine's closed network refuses.
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

export function launchChromium() {
  if (!existsSync(CHROMIUM))
    throw new Error(`${CHROMIUM} is missing: run scripts/ensureSystemPackages.mjs (apt-get install chromium)`)
  return chromium.launch({ executablePath: CHROMIUM, args: FLAGS })
}
