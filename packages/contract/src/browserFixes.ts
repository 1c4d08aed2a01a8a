import type { BrowserErrorCode } from './errorCodes'

/**
 * What went wrong in the browser and what to do about it, in words a developer can act on: `CaptchaError`'s
 * message in development builds, and the devtools panel's fix in any build. Production bundles of the core
 * carry none of it (its `production` build names the code and where the README explains it).
 */
export const BROWSER_FIXES: Record<BrowserErrorCode, string> = {
  missing_app_key: 'No app key: pass your public CaptchaLa key as `appKey`.',
  script_load_failed: 'The CaptchaLa script failed to load: check the network, ad blockers and `loader.src`.',
  script_timeout: 'The CaptchaLa script took too long: check the network, or raise `loader.timeoutMs`.',
  script_blocked:
    'A Content-Security-Policy blocked the CaptchaLa script: allow its host in script-src, or set `loader.nonce`; or its Trusted Types refused the URL: add `trusted-types captchala`, or pass `loader.trustedTypesPolicy`.',
  sdk_missing: 'The script at `loader.src` did not define the CaptchaLa SDK.',
  ssr: 'CaptchaLa runs in the browser only, not during server rendering.',
  not_mounted: 'Render the captcha before asking it for a token.',
  challenge_closed: 'Verification closed before it finished. Try again.',
  challenge_timeout: 'Verification took too long. Try again.',
  token_expired: 'Verification expired. Try again.',
  server_token_failed: 'The `serverToken` function failed or gave nothing: check your backend.',
  aborted: 'Verification cancelled.',
  destroyed: 'The captcha left the page before verification finished.',
  sdk_error: 'Verification failed. Try again.',
}

/** For the SDK's refusals that arrive as a bare code: what the code means and what to do. */
export const SDK_CODE_FIXES: Partial<Record<string, string>> = {
  invalid_app_key: 'CaptchaLa does not know this app key: check `appKey` (the public key, never the secret).',
  app_disabled: 'This CaptchaLa app is disabled: enable it in the CaptchaLa console.',
  rate_limit_exceeded: 'Too many attempts. Wait a moment and try again.',
}

/** What a `script_blocked` from Trusted Types says, with the script's URL after it. */
export const TRUSTED_TYPES_FIX =
  "Trusted Types refused the CaptchaLa script's URL: add `trusted-types captchala` to the page's CSP, or pass " +
  'your policy as `loader.trustedTypesPolicy`.'
