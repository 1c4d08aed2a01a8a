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
export declare const FIREFOX_HINT: string
export declare const WEBKIT_HINT: string
/** Firefox's path, or `undefined`: `FIREFOX_PATH`, Debian's ESR, a system Firefox or the macOS app. */
export declare function findFirefox(env?: Record<string, string | undefined>): string | undefined
/** WebKitGTK's WebDriver, or `undefined`: `WEBKIT_DRIVER`, one on PATH, or Debian's. */
export declare function findWebKitDriver(env?: Record<string, string | undefined>): string | undefined
/** WebKitGTK's MiniBrowser, or `undefined`: `MINIBROWSER`, or where Debian's and Ubuntu's packages put it. */
export declare function findMiniBrowser(env?: Record<string, string | undefined>): string | undefined
/** `xvfb-run`, or `undefined`: `XVFB_RUN`, one on PATH, or Debian's. */
export declare function findXvfbRun(env?: Record<string, string | undefined>): string | undefined
