import type { CaptchaOptions } from '@captchala/core'
import type { Plugin } from 'vue'
import { CAPTCHA_OPTIONS } from './useCaptcha'

/**
 * `app.use(Captchala, { appKey, loader })`: options shared by every captcha in the app, any subset of them (an
 * app may give `app-key` on each `<Captcha>` instead; none anywhere: `missing_app_key`).
 */
export const Captchala: Plugin<[Partial<CaptchaOptions>]> = {
  install(app, options) {
    app.provide(CAPTCHA_OPTIONS, options)
  },
}
