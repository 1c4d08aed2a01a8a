export type {
  CaptchaCallbacks,
  CaptchaError,
  CaptchaEvent,
  CaptchaOptions,
  CaptchaState,
  CaptchaStatus,
} from '@captchala/core'
export { Captcha, type CaptchaHandle, type CaptchaProps } from './Captcha'
export { CaptchaContext, CaptchaProvider } from './CaptchaProvider'
export {
  type UseCaptchaOptions,
  type UseCaptchaResult,
  useCaptcha,
} from './useCaptcha'
