export type {
  CaptchaCallbacks,
  CaptchaError,
  CaptchaEvent,
  CaptchaOptions,
  CaptchaState,
  CaptchaStatus,
} from '@captchala/core'
export { Captcha } from './Captcha'
export { Captchala } from './plugin'
export {
  CAPTCHA_OPTIONS,
  type UseCaptchaOptions,
  type UseCaptchaResult,
  useCaptcha,
} from './useCaptcha'
