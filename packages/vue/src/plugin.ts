import type { CaptchaOptions } from '@captchala/core'
import type { Plugin } from 'vue'
import { CAPTCHA_OPTIONS } from './useCaptcha'

/** `app.use(Captchala, { appKey, loader })`: options shared by every captcha in the app. */
export const Captchala: Plugin<[CaptchaOptions]> = {
  install(app, options) {
    app.provide(CAPTCHA_OPTIONS, options)
  },
}
