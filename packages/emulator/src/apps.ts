/** How the emulated risk engine treats an app's traffic. */
export type Tier = 'low' | 'medium' | 'high'

export interface AppConfig {
  secret: string
  tier: Tier
  /** the app's quota is exhausted: challenges end in `dg_` tokens */
  quotaExhausted?: boolean
  /** the main API is unreachable for this app */
  mainDown?: boolean
  /** the backup (and its bypass worker) is unreachable for this app too */
  backupDown?: boolean
}

/** The default app and the documented test keys, each with the secret `test_secret`. */
export const BUILTIN_APPS: Record<string, AppConfig> = {
  demo_app: { secret: 'demo_secret', tier: 'low' },
  test_pass_invisible: { secret: 'test_secret', tier: 'low' },
  test_pass_challenge: { secret: 'test_secret', tier: 'medium' },
  test_block: { secret: 'test_secret', tier: 'high' },
  test_degraded: { secret: 'test_secret', tier: 'low', quotaExhausted: true },
  test_offline: { secret: 'test_secret', tier: 'low', mainDown: true },
  test_client_only: { secret: 'test_secret', tier: 'low', mainDown: true, backupDown: true },
}

/** Reads `KEY:SECRET` pairs (the CLI's `--app`); a bad pair is an error, never a silent default. */
export function parseApps(pairs: readonly string[]): Record<string, AppConfig> {
  const apps: Record<string, AppConfig> = {}
  for (const pair of pairs) {
    const match = /^([\w.-]{1,64}):(\S{1,256})$/.exec(pair)
    if (!match) throw new Error(`--app takes KEY:SECRET (letters, digits, _ . -), got "${pair}"`)
    apps[match[1]!] = { secret: match[2]!, tier: 'low' }
  }
  return apps
}
