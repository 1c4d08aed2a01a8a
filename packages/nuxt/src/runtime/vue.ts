// What the module auto-imports into the app, re-exported from here so that it resolves from this package
// (whose dependency @captchala/vue is) and not from the app, which need not install @captchala/vue itself.
export { Captcha, CaptchaError, useCaptcha, visitorMessage } from '@captchala/vue'
