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
export { Captcha, type CaptchaFailureSlotProps } from './Captcha'
export { Captchala } from './plugin'
export {
  CAPTCHA_OPTIONS,
  type UseCaptchaOptions,
  type UseCaptchaResult,
  useCaptcha,
} from './useCaptcha'
