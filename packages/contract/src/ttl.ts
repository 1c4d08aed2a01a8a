// How long things live. CaptchaLa documents the server token's TTL, the `dg_` expiry and the official SDKs'
// timeout; the pass token's and the `offline_` token's lifetimes are unpublished and chosen by the emulator
// (its README says so).

/** An `sct_` lives this long unless the issue call asks otherwise (CONTRACT.md section 2.2). */
export const SERVER_TOKEN_TTL_SECONDS = 300

/** A `dg_` token expires five minutes after it was made (CONTRACT.md section 3). */
export const DEGRADED_TTL_MS = 300_000

/** The emulator's `offline_` tokens live as long as `dg_` ones (unpublished upstream). */
export const OFFLINE_TTL_MS = 300_000

/** The official SDKs give every API call this long (CONTRACT.md section 2). */
export const SERVICE_TIMEOUT_MS = 5_000

/** The emulator's pass tokens live two minutes by default (unpublished upstream; `--token-ttl` changes it). */
export const PASS_TOKEN_TTL_SECONDS = 120
