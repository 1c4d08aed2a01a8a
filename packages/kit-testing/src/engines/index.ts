import { launchChromiumEngine } from './chromium'
import { launchFirefoxEngine } from './firefox'
import type { Engine, EngineBrowser } from './types'
import { launchWebKitEngine } from './webkit'

export { chromiumDriverPage } from './chromium'
export { LIVE_REGION_RECORDER, PROBLEMS_LISTENER } from './inPage'
export { pageOver } from './pageOver'
export { solveSlideByKeyboard } from './solveSlide'
export type { Engine, EngineBrowser, EnginePage, KeyName, SeenRequest } from './types'

const LAUNCHERS: Record<Engine, () => Promise<EngineBrowser>> = {
  chromium: launchChromiumEngine,
  firefox: launchFirefoxEngine,
  webkit: launchWebKitEngine,
}

export const ALL_ENGINES = Object.keys(LAUNCHERS) as Engine[]

/**
 * The engines this run covers: all three, or those `CAPTCHALA_ENGINES` names (`chromium,firefox`), for a
 * quicker run on a machine that lacks one.
 */
export function enginesToRun(env = process.env): Engine[] {
  if (!env.CAPTCHALA_ENGINES) return ALL_ENGINES
  const named = env.CAPTCHALA_ENGINES.split(',').map((name) => name.trim())
  const unknown = named.filter((name) => !ALL_ENGINES.includes(name as Engine))
  if (unknown.length)
    throw new Error(`CAPTCHALA_ENGINES: no engine ${unknown.join(', ')} (${ALL_ENGINES.join(', ')})`)
  return named as Engine[]
}

/** A browser of `engine`, from the system's own packages. */
export const launchEngine = (engine: Engine) => LAUNCHERS[engine]()
