import {
  type CaptchaError,
  type CaptchaHandle,
  FAILURE_STATE,
  TOKEN_FIELD,
  visitorMessage,
  visitorWordsFor,
} from '@captchala/core'
import { forwardRef, type ReactNode, useImperativeHandle } from 'react'
import { type UseCaptchaOptions, useCaptcha } from './useCaptcha'

export interface CaptchaProps extends UseCaptchaOptions {
  /** the hidden input that carries the token in a native form post; `false` for none */
  inputName?: string | false | undefined
  /** the class of the widget's element */
  className?: string | undefined
  /** for `bind`: the button the challenge attaches to */
  children?: ReactNode
  /**
   * draws the failure state yourself (`null` for none); by default what the visitor can do, in `lang`
   * (`visitorMessage(error, lang)`), and a retry button
   */
  renderFailure?: ((error: CaptchaError, retry: () => void) => ReactNode) | undefined
}

/** A CaptchaLa widget, with a hidden input so plain form posts carry the token. */
export const Captcha = forwardRef<CaptchaHandle, CaptchaProps>(function Captcha(
  { inputName = TOKEN_FIELD, className, children, renderFailure, ...options },
  handle,
) {
  const { status, error, token, elementRef, execute, reset, getToken, withToken, subscribeEvents } =
    useCaptcha(options)
  useImperativeHandle(handle, () => ({ execute, reset, getToken, withToken, subscribeEvents }), [
    execute,
    reset,
    getToken,
    withToken,
    subscribeEvents,
  ])
  return (
    <div ref={elementRef} className={className}>
      {children}
      {status === 'error' && error && (renderFailure ?? failureIn(options.lang))(error, reset)}
      {inputName !== false && <input type="hidden" name={inputName} value={token ?? ''} />}
    </div>
  )
})

// Instead of an empty box: what the visitor can do, in their language, said to assistive technology at once,
// and a way to try again. The developer's message is the error's (onError, devtools), never shown here.
const failureIn = (lang: string | undefined) => (error: CaptchaError, retry: () => void) => (
  <div role="alert" className={FAILURE_STATE.className}>
    {visitorMessage(error, lang)}{' '}
    <button type="button" onClick={retry}>
      {visitorWordsFor(lang).retry}
    </button>
  </div>
)
