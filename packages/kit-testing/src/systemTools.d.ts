export declare const CHROMIUM_HINT: string
export declare const REDIS_HINT: string
export declare const PROMETHEUS_HINT: string
/** Chromium's path, or `undefined`: `CHROMIUM_PATH`, a system Chromium or Chrome, or Playwright's own download. */
export declare function findChromium(env?: Record<string, string | undefined>): string | undefined
/** The redis-server command, or `undefined`: `REDIS_SERVER`, one on PATH, or Debian's. */
export declare function findRedisServer(env?: Record<string, string | undefined>): string | undefined
/** Prometheus's server, or `undefined`: `PROMETHEUS`, one on PATH, or Debian's. */
export declare function findPrometheus(env?: Record<string, string | undefined>): string | undefined
/** Prometheus's promtool, or `undefined`: `PROMTOOL`, one on PATH, or Debian's. */
export declare function findPromtool(env?: Record<string, string | undefined>): string | undefined
