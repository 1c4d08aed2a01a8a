import {
  type CaptchaError,
  type CaptchaHandle,
  FAILURE_STATE,
  noticeOf,
  retryKeepingFocus,
  STATUS_REGION,
  TOKEN_FIELD,
  visitorMessage,
  visitorWordsFor,
} from '@captchala/core'
import { forwardRef, type ReactNode, useCallback, useContext, useImperativeHandle, useRef } from 'react'
import { CaptchaContext } from './CaptchaProvider'
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
  const captcha = useCaptcha(options)
  const { error, token, elementRef, execute, reset, getToken, withToken, subscribeEvents } = captcha
  const shared = useContext(CaptchaContext)
  const lang = options.lang ?? shared?.lang
  const notice = noticeOf(captcha)
  // The element, for the retry's focus; the widget mounts in it through elementRef.
  const root = useRef<HTMLDivElement | null>(null)
  const attach = useCallback(
    (element: HTMLDivElement | null) => {
      root.current = element
      elementRef(element)
    },
    [elementRef],
  )
  const retry = () => retryKeepingFocus(root.current, reset)
  useImperativeHandle(handle, () => ({ execute, reset, getToken, withToken, subscribeEvents }), [
    execute,
    reset,
    getToken,
    withToken,
    subscribeEvents,
  ])
  return (
    <div ref={attach} className={className}>
      {children}
      <div role={STATUS_REGION.role} className={STATUS_REGION.className}>
        {notice === 'failure'
          ? error && (renderFailure ?? failureIn(lang))(error, retry)
          : notice && visitorWordsFor(lang)[notice]}
      </div>
      {inputName !== false && <input type="hidden" name={inputName} value={token ?? ''} />}
    </div>
  )
})

// Instead of an empty box: what the visitor can do, in their language, and a way to try again (the status
// region around it reads it out). The developer's message is the error's (onError, devtools), never shown here.
const failureIn = (lang: string | undefined) => (error: CaptchaError, retry: () => void) => (
  <div className={FAILURE_STATE.className}>
    {visitorMessage(error, lang)}{' '}
    <button type="button" onClick={retry}>
      {visitorWordsFor(lang).retry}
    </button>
  </div>
)
