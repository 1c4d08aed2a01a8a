export {
  type CaptchaCallbacks,
  CaptchaError,
  type CaptchaErrorCode,
  type CaptchaEvent,
  type CaptchaHandle,
  type CaptchaOptions,
  type CaptchaState,
  type CaptchaStatus,
  type RefreshMode,
  type TokenType,
  visitorMessage,
  visitorWordsFor,
} from '@captchala/core'
export { Captcha, type CaptchaProps } from './Captcha'
export { CaptchaContext, CaptchaProvider, type CaptchaProviderProps } from './CaptchaProvider'
export {
  type UseCaptchaOptions,
  type UseCaptchaResult,
  useCaptcha,
} from './useCaptcha'
