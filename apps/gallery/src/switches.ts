import { EMULATOR_CONTROL, EMULATOR_HEALTHY_SWITCHES } from '@captchala/contract'
import type { Trail } from '@captchala/devtools'
import type { SiteConfig } from './siteConfig'
import type { Story, Switches } from './stories'

const { scripts, latencyMs, main, backup, quotaExhausted, risk, tokenTtl } = EMULATOR_HEALTHY_SWITCHES
/** What every switch a story may hold is when no story holds it: the emulator's healthy set. */
export const HEALTHY: Required<Switches> = {
  scripts,
  latencyMs,
  main,
  backup,
  quotaExhausted,
  risk,
  tokenTtl,
}

const post = (emulator: string, body: object, keepalive = false) =>
  fetch(emulator + EMULATOR_CONTROL.faults, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    keepalive,
  })

let applied: Promise<void> | undefined

/**
 * Flips the emulator's switches the page's story needs, once per page (every story has a page of its own),
 * and puts them back when the page goes: `pagehide`, with a keepalive request that outlives the page.
 */
export function applySwitches(config: SiteConfig, story: Story, diagnostics: Trail): Promise<void> {
  const { emulator } = config
  const { switches } = story
  if (!switches) return Promise.resolve()
  if (!emulator)
    return Promise.reject(
      new Error('This story needs the local emulator: its fault switches cannot be set here.'),
    )
  applied ??= post(emulator, switches).then((res) => {
    if (!res.ok) throw new Error(`the emulator refused the switches (${res.status})`)
    diagnostics.note('emulator', 'switches', 'switches', JSON.stringify(switches))
    addEventListener('pagehide', () => void post(emulator, HEALTHY, true).catch(() => {}), { once: true })
  })
  return applied
}
