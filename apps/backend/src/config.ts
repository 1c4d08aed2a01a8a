import type { RedisLocation } from './connectRedis'
import { telemetrySettings, telemetryWanted } from './telemetrySettings'

/** Everything the backend reads from its environment, each with an embedded default: no configuration runs it against the emulator's default app. */
export interface BackendConfig {
  port: number
  host: string
  appKey: string
  appSecret: string
  /** the CaptchaLa API; default the emulator on 127.0.0.1:8787 */
  baseUrl: string
  backupUrl: string
  /** addresses or CIDRs of reverse proxies whose X-Forwarded-For is believed; none by default */
  trustedProxies: string[]
  /**
   * rate limits and the replay guard go to Redis when set (`REDIS_URL`, or a cluster's nodes in
   * `REDIS_CLUSTER_NODES`); in memory otherwise
   */
  redis: RedisLocation | undefined
  rateLimit: { max: number; windowMs: number }
  /** calls in a row without an answer from a CaptchaLa URL that open its circuit breaker */
  breakerFailures: number
  /** how long an open circuit breaker answers at once; it probes CaptchaLa in the background this often */
  breakerCooldownMs: number
  /** the deadline of one call to CaptchaLa, retries included (`timeoutMs` of the server SDK) */
  timeoutMs: number | undefined
  /** how long the replay guard may take (`guardTimeoutMs` of the server SDK) */
  guardTimeoutMs: number | undefined
  /** named in every verification log */
  environment: string
  /** OpenTelemetry runs (`OTEL_*` variables or `METRICS_PORT`): the breakers are observed for its gauge */
  telemetry: boolean
}

export function readConfig(env: Record<string, string | undefined> = process.env): BackendConfig {
  const int = (name: string, fallback: number, min: number, max: number) => {
    const raw = env[name]
    if (raw === undefined || raw === '') return fallback
    const n = Number(raw)
    if (!Number.isInteger(n) || n < min || n > max)
      throw new Error(`${name} must be a whole number from ${min} to ${max}, got "${raw}"`)
    return n
  }
  const optionalInt = (name: string, min: number, max: number) =>
    env[name] === undefined || env[name] === '' ? undefined : int(name, 0, min, max)
  const baseUrl = (env.CAPTCHALA_BASE_URL || 'http://127.0.0.1:8787').replace(/\/+$/, '')
  return {
    port: int('PORT', 8788, 0, 65_535),
    host: env.HOST || '127.0.0.1',
    appKey: env.CAPTCHALA_APP_KEY || 'demo_app',
    appSecret: env.CAPTCHALA_APP_SECRET || 'demo_secret',
    baseUrl,
    backupUrl: env.CAPTCHALA_BACKUP_URL || `${baseUrl}/api/validate`,
    trustedProxies: (env.TRUSTED_PROXIES ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    redis: redisLocation(env),
    rateLimit: {
      max: int('RATE_LIMIT_MAX', 30, 1, 1_000_000),
      windowMs: int('RATE_LIMIT_WINDOW_MS', 60_000, 1000, 86_400_000),
    },
    breakerFailures: int('CAPTCHALA_BREAKER_FAILURES', 3, 1, 1_000_000),
    breakerCooldownMs: int('CAPTCHALA_BREAKER_COOLDOWN_MS', 1_000, 10, 600_000),
    // unset: the server SDK's defaults (5 s for a whole call, 1 s for the replay guard)
    timeoutMs: optionalInt('CAPTCHALA_TIMEOUT_MS', 100, 600_000),
    guardTimeoutMs: optionalInt('CAPTCHALA_GUARD_TIMEOUT_MS', 10, 600_000),
    environment: env.APP_ENV || env.NODE_ENV || 'development',
    telemetry: telemetryWanted(telemetrySettings(env)),
  }
}

// `REDIS_CLUSTER_NODES=host:port,host:port` (some of a cluster's nodes; the others are discovered) wins over
// `REDIS_URL`.
function redisLocation(env: Record<string, string | undefined>): RedisLocation | undefined {
  const nodes = env.REDIS_CLUSTER_NODES?.trim()
  if (nodes) {
    return {
      clusterNodes: nodes.split(',').map((node) => {
        const match = /^\s*([^\s:]+|\[[0-9a-fA-F:]+\]):(\d{1,5})\s*$/.exec(node)
        const port = Number(match?.[2])
        if (!match || port < 1 || port > 65_535) {
          throw new Error(`REDIS_CLUSTER_NODES must list host:port pairs separated by commas, got "${node}"`)
        }
        return { host: match[1]!.replace(/^\[|\]$/g, ''), port }
      }),
    }
  }
  return env.REDIS_URL ? { url: env.REDIS_URL } : undefined
}
