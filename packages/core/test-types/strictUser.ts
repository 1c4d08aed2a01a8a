// Compiles as a user's strict project would (exactOptionalPropertyTypes), against the built package.
import { type CaptchaOptions, createCaptcha, loadCaptchala } from '@captchala/core'

declare const env: Record<string, string | undefined>
declare const props: { lang?: string | undefined; timeoutMs?: number | undefined }

// Every optional option takes `undefined` as well as a value.
const options: CaptchaOptions = {
  appKey: 'k',
  action: env.ACTION,
  lang: props.lang,
  product: undefined,
  theme: undefined,
  serverToken: undefined,
  refresh: undefined,
  tokenTtlMs: undefined,
  challengeTimeoutMs: undefined,
  onEvent: undefined,
  clock: undefined,
  loader: {
    src: env.SCRIPT_SRC,
    nonce: env.NONCE,
    timeoutMs: props.timeoutMs,
    retries: undefined,
    signal: undefined,
  },
}
const captcha = createCaptcha(options)
captcha.execute({ signal: undefined })
loadCaptchala({ src: undefined })

// @ts-expect-error appKey is required
createCaptcha({ action: 'login' })
