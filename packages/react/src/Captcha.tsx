import type { CaptchaController } from '@captchala/core'
import { forwardRef, type ReactNode, useImperativeHandle } from 'react'
import { type UseCaptchaOptions, useCaptcha } from './useCaptcha'

export type CaptchaHandle = Pick<CaptchaController, 'execute' | 'reset' | 'getToken' | 'withToken'>

export interface CaptchaProps extends UseCaptchaOptions {
  /** the hidden input that carries the token in a native form post; `false` for none */
  inputName?: string | false
  className?: string
  /** for `bind`: the button the challenge attaches to */
  children?: ReactNode
}

/** A CaptchaLa widget, with a hidden input so plain form posts carry the token. */
export const Captcha = forwardRef<CaptchaHandle, CaptchaProps>(function Captcha(
  { inputName = 'captchala_token', className, children, ...options },
  handle,
) {
  const { token, ref, execute, reset, getToken, withToken } = useCaptcha(options)
  useImperativeHandle(handle, () => ({ execute, reset, getToken, withToken }), [
    execute,
    reset,
    getToken,
    withToken,
  ])
  return (
    <>
      <div ref={ref} className={className}>
        {children}
      </div>
      {inputName !== false && <input type="hidden" name={inputName} value={token ?? ''} />}
    </>
  )
})
