import type { Category, TokenInfo } from '@captchala/contract'
import type { BreakerState, UpstreamName } from './upstream'

/** The calls a record is made of. */
export type RecordedCall = 'validate' | 'issue' | 'moderate_text' | 'moderate'

/**
 * One structured record per call to CaptchaLa, with the fields the reference article asks a log line for.
 * Safe to log as it is: never the secret, never a whole token (its id, prefix and length), never the
 * visitor's IP unless the client was made with `recordClientIp: true`.
 */
export interface CaptchalaRecord {
  call: RecordedCall
  /** the caller's request id (`requestId` option), else one made for this call; the result carries it too */
  requestId: string
  /** when the call started, ISO 8601 */
  timestamp: string
  /** the `environment` the client was made with (`production`, `staging`...), `null` when none was named */
  environment: string | null
  /** the public app key (never the secret): which app, which environment */
  appKey: string
  /**
   * `captchala`, or `emulator` when the answer carried the local emulator's mark; `null` when none came, or
   * a redirect (whoever sent it)
   */
  answeredBy: 'captchala' | 'emulator' | null
  /** validate: the action the endpoint expects; issue: the action asked for */
  expectedAction: string | null
  /** validate: the action bound into the token, as CaptchaLa answered it */
  action: string | null
  /** validate: the token as it may be logged (the same `id` as the browser's events); `null` when none came */
  token: TokenInfo | null
  /** which URL's answer decided the call (`main`, `backup`...); `null` when none answered */
  upstream: UpstreamName | null
  /** the host name of the URL asked last (OTel's `server.address`); `null` when none was asked */
  serverAddress: string | null
  /** the last HTTP status seen from CaptchaLa; `null` when nothing answered */
  upstreamStatus: number | null
  /**
   * the origin (scheme, host, port) a redirect that answered instead of CaptchaLa named, never its path or
   * query; `null` when none did. The SDK follows no redirect: the call is `upstream_redirected`, or for an
   * outage token whose outage check was redirected, `outage_not_seen` (the URL is up).
   */
  redirectedTo: string | null
  /** requests sent to CaptchaLa for this call, retries and outage checks included */
  attempts: number
  latencyMs: number
  /** each validation URL's circuit breaker when the call ended */
  breakers: { main: BreakerState; backup: BreakerState }
  /** `ok`: accepted, issued or moderated; `unavailable`: answer 503 (`statusFor`); `refused`: 403 */
  result: 'ok' | 'refused' | 'unavailable'
  code: string | null
  category: Category | null
  /** what to do about a failure, for the developer */
  fix: string | null
  /** validate: the platform the challenge was solved on, as CaptchaLa reports it (`web`, `ios`...) */
  platform: string | null
  /** only with `recordClientIp: true` */
  clientIp?: string | undefined
}

/** Where records go: the `onRecord` option of `createClient` and of each call. */
export type RecordListener = (record: CaptchalaRecord) => void

/** The `node:diagnostics_channel` name every record is published on, where the runtime has the module. */
export const RECORD_CHANNEL = 'captchala:record'

/** The message of a record's log line. */
const RECORD_MESSAGE = 'captchala'

/** pino, bunyan, Fastify's `app.log` and `request.log`: an object first, then the message. */
export interface StructuredLogger {
  info(record: object, message?: string): void
  warn(record: object, message?: string): void
}

/**
 * `onRecord: recordsToLogger(logger)`: each record as one structured line of a pino-style logger, `info` for
 * a pass and `warn` for anything else.
 */
export const recordsToLogger =
  (logger: StructuredLogger): RecordListener =>
  (record) =>
    logger[record.result === 'ok' ? 'info' : 'warn'](record, RECORD_MESSAGE)

/**
 * `onRecord: recordsToConsole()`: each record as one line of JSON on the console (`console.info` for a pass,
 * `console.warn` for anything else), which log collectors read as they are.
 */
export const recordsToConsole =
  (target: Pick<Console, 'info' | 'warn'> = console): RecordListener =>
  (record) =>
    target[record.result === 'ok' ? 'info' : 'warn'](JSON.stringify({ msg: RECORD_MESSAGE, ...record }))

interface Channel {
  readonly hasSubscribers: boolean
  publish(message: unknown): void
}

/**
 * The records' diagnostics channel, where the runtime has one (Node, and runtimes with its compatibility
 * module); `undefined` elsewhere. Looked up through `process.getBuiltinModule`, so no bundler sees an import
 * of a Node module and no runtime without it fails.
 */
export function recordChannel(): Channel | undefined {
  const host = Reflect.get(globalThis, 'process') as
    | { getBuiltinModule?: (id: string) => { channel(name: string): Channel } | undefined }
    | undefined
  try {
    return host?.getBuiltinModule?.('node:diagnostics_channel')?.channel(RECORD_CHANNEL)
  } catch {
    return undefined
  }
}
