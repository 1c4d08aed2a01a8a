import { CaptchaError } from './CaptchaError'
import type { CaptchaEventInit } from './CaptchaEvent'
import type { Clock } from './clock'

// Replaced by bundlers and by this package's two builds: the detail below is in development builds only.
declare const process: { env: { NODE_ENV?: string } }

/** An `sct_` from your backend, or a function that fetches one (called again whenever it expired). */
export type ServerTokenSource = string | (() => string | Promise<string>) | undefined

/** The server token to init with: the string given, or what the function gives (timed, as events). */
export async function fetchServerToken(
  source: ServerTokenSource,
  clock: Clock,
  emit: (event: CaptchaEventInit) => void,
): Promise<string | undefined> {
  if (typeof source !== 'function') return source
  const started = clock.now()
  emit({ type: 'server_token:requested' })
  let token: unknown
  try {
    token = await source()
  } catch (cause) {
    throw new CaptchaError('server_token_failed', { cause })
  }
  if (typeof token !== 'string' || !token) {
    const detail = process.env.NODE_ENV !== 'production' ? `the function returned ${typeof token}` : undefined
    throw new CaptchaError('server_token_failed', { detail })
  }
  emit({ type: 'server_token:received', ms: clock.now() - started })
  return token
}
