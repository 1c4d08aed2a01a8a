import { type Category, categoryOf, isEmulatorAppKey, isOneOf } from '@captchala/contract'
import type { ModerationError } from './moderation'
import { redirectFix } from './redirect'
import type { Redirect, UpstreamName } from './upstream'

/**
 * What a refusal's fix may name: the public key, where it was sent, whether the emulator answered, and the
 * redirect that answered instead of CaptchaLa.
 */
export interface FixContext {
  appKey: string
  /** the URL the call went to */
  url: string
  /** the answer carried the local emulator's mark */
  emulated: boolean
  /** the last HTTP status seen, `null` when nothing answered */
  status?: number | null | undefined
  redirect?: Redirect | null | undefined
}

/** The client option each URL comes from. */
const OPTION_OF: Record<UpstreamName, string> = {
  main: 'baseUrl',
  backup: 'backupUrl',
  issue: 'baseUrl',
  moderation: 'baseUrl',
}

const PAIRS = 'Staging and production are different apps, each with its own key and secret.'

// What to do, by cause, where the code itself needs no more words: for the developer, never the visitor. No
// code a server meets is a loading failure (those are the browser's: script, widget, challenge timeout).
const FIX_BY_CATEGORY: Record<Exclude<Category, 'loading'>, string> = {
  token:
    'The token was missing, malformed, expired, already used or made for another action: let the visitor verify again; each submission needs a fresh token.',
  config: `Check appKey and appSecret: they must be the key and secret of one app. ${PAIRS}`,
  request:
    'CaptchaLa refused the request itself: check that nothing between this server and CaptchaLa (a proxy, a body rewrite) changes it.',
  upstream:
    'CaptchaLa or the replay guard could not be asked: answer 503 (statusFor does) so the visitor tries again, and check health() and the network path.',
  visitor: 'CaptchaLa refused the visitor or the attempt: nothing to fix here; the visitor may verify again.',
  policy:
    'Your policy refused a token CaptchaLa did not refuse (a degraded or outage token): the `policy` option decides which to accept.',
}

/** CaptchaLa's answers that the key or the secret is not one it knows. */
const KEY_REFUSALS: readonly ModerationError[] = ['invalid_app_key', 'invalid_app_secret']

// The codes whose fix names the key (JSON-quoted), or the redirect that answered instead of CaptchaLa.
const FIX_BY_CODE: Partial<Record<ModerationError, (key: string, context: FixContext) => string>> = {
  invalid_app_key: (key) =>
    `CaptchaLa does not know app key ${key}: check appKey (the public key your pages use, never the secret). ${PAIRS}`,
  invalid_app_secret: (key) =>
    `CaptchaLa knows app key ${key} but not this secret: check appSecret, which must be that same app's secret. ${PAIRS}`,
  app_disabled: (key) => `App ${key} is disabled: enable it in the CaptchaLa console.`,
  upstream_redirected: (_, { url, status, redirect }) =>
    redirectFix(redirect?.url ?? url, status, redirect?.to ?? null, OPTION_OF[redirect?.upstream ?? 'main']),
}

/**
 * The fix for a failure, for logs and records: which half of the configuration to check when CaptchaLa does
 * not know the key or the secret, and which side is the emulator when its keys and CaptchaLa's were mixed.
 */
export function fixFor(code: ModerationError, context: FixContext): string {
  const { appKey, url, emulated } = context
  const key = JSON.stringify(appKey)
  if (isOneOf(KEY_REFUSALS, code) && emulated !== isEmulatorAppKey(appKey)) {
    return emulated
      ? `${url} is the local CaptchaLa emulator, which knows only its own apps (demo_app, test_*): use one of them there, or point baseUrl at CaptchaLa for app key ${key}.`
      : `App key ${key} is the local emulator's, and ${url} is not the emulator: point baseUrl at the emulator, or use your CaptchaLa app's key and secret.`
  }
  const category = categoryOf(code) as keyof typeof FIX_BY_CATEGORY
  return FIX_BY_CODE[code]?.(key, context) ?? FIX_BY_CATEGORY[category] ?? FIX_BY_CATEGORY.upstream
}
