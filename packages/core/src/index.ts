export type {
  CaptchalaErrorArg,
  CaptchalaGlobal,
  CaptchalaInitOptions,
  CaptchalaProduct,
  CaptchalaSuccess,
  CaptchalaTheme,
  CaptchalaWidget,
} from '@captchala/contract'
export {
  CATEGORIES,
  type Category,
  /** the form field the kit's hidden input is named by default */
  TOKEN_FIELD,
  type TokenInfo,
  type TokenType,
  tokenId,
  tokenInfo,
} from '@captchala/contract'
export {
  type CaptchaBindingOptions,
  type CaptchaHandle,
  FAILURE_STATE,
  mergeOptions,
  noticeOf,
  optionsChanged,
  retryKeepingFocus,
  STATUS_REGION,
} from './binding'
export { CaptchaError, type CaptchaErrorCode, type CaptchaErrorDetails } from './CaptchaError'
export type { CaptchaEvent, CaptchaEventType } from './CaptchaEvent'
export { type Clock, systemClock } from './clock'
export {
  type CaptchaController,
  type CaptchaOptions,
  type CaptchaState,
  type CaptchaStatus,
  createCaptcha,
  type ExecuteOptions,
  type RefreshMode,
} from './createCaptcha'
export { type CaptchaCallbacks, dispatchCallback } from './dispatchCallback'
export { DEFAULT_HOSTS, type LoadOptions, loadCaptchala } from './loadCaptchala'
export type { LoadWhen } from './loadTrigger'
export type { ScriptUrlPolicy } from './trustedScriptUrl'
export {
  registerLocale,
  type VisitorFacingFailure,
  type VisitorWords,
  visitorMessage,
  visitorWordsFor,
} from './visitorWords'
