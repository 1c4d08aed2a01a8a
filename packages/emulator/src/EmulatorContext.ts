import type { AppConfig } from './apps'
import type { Faults } from './faults'
import type { TokenContext } from './tokens'

/** What every route shares: apps, settings, token state, time and the fault switches. */
export interface EmulatorContext extends TokenContext {
  apps: Record<string, AppConfig>
  faults: Faults
  /** pass token lifetime */
  tokenTtlMs: number
  /** leading zero bits the low tier's proof of work needs */
  powDifficulty: number
}
