import { type CaptchaError, type CaptchaHandle, FAILURE_STATE, TOKEN_FIELD } from '@captchala/core'
import { forwardRef, type ReactNode, useImperativeHandle } from 'react'
import { type UseCaptchaOptions, useCaptcha } from './useCaptcha'

export interface CaptchaProps extends UseCaptchaOptions {
  /** the hidden input that carries the token in a native form post; `false` for none */
  inputName?: string | false | undefined
  /** the class of the widget's element */
  className?: string | undefined
  /** for `bind`: the button the challenge attaches to */
  children?: ReactNode
  /** draws the failure state yourself (`null` for none); by default the error's message and a retry button */
  renderFailure?: ((error: CaptchaError, retry: () => void) => ReactNode) | undefined
}

/** A CaptchaLa widget, with a hidden input so plain form posts carry the token. */
export const Captcha = forwardRef<CaptchaHandle, CaptchaProps>(function Captcha(
  { inputName = TOKEN_FIELD, className, children, renderFailure = failureState, ...options },
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
      {status === 'error' && error && renderFailure(error, reset)}
      {inputName !== false && <input type="hidden" name={inputName} value={token ?? ''} />}
    </div>
  )
})

// Instead of an empty box: what went wrong, said to assistive technology at once, and a way to try again.
function failureState(error: CaptchaError, retry: () => void) {
  return (
    <div role="alert" className={FAILURE_STATE.className}>
      {error.message}{' '}
      <button type="button" onClick={retry}>
        {FAILURE_STATE.retryLabel}
      </button>
    </div>
  )
}
