import {
  type CaptchaCallbacks,
  type CaptchaController,
  type CaptchaOptions,
  type CaptchaState,
  createCaptcha,
  dispatchCallback,
} from '@captchala/core'
import { useContext, useEffect, useRef, useState, useSyncExternalStore } from 'react'
import { CaptchaContext } from './CaptchaProvider'

export type UseCaptchaOptions = Partial<CaptchaOptions> & CaptchaCallbacks

// The same fields as @captchala/vue's useCaptcha (there as readonly refs).
export type UseCaptchaResult = Pick<CaptchaState, 'status' | 'token' | 'error'> &
  Pick<CaptchaController, 'execute' | 'reset' | 'getToken' | 'withToken'> & {
    /** attach to the element the widget lives in (for `bind`: the button) */
    ref: (element: Element | null) => void
  }

/** Binds one CaptchaLa widget: state as render values, the controller's methods, and a ref to mount it. */
export function useCaptcha(options: UseCaptchaOptions): UseCaptchaResult {
  const merged = { ...useContext(CaptchaContext), ...options } as CaptchaOptions & CaptchaCallbacks
  // Created once and free of side effects, so StrictMode's second render costs nothing.
  const [captcha] = useState(() => createCaptcha(merged))
  const [ref] = useState(() => {
    let unmount: (() => void) | undefined
    return (element: Element | null) => {
      unmount?.()
      unmount = element ? captcha.mount(element) : undefined
    }
  })
  // The latest options and callbacks, so a new inline function never re-initialises the widget.
  const latest = useRef(merged)
  useEffect(() => {
    latest.current = merged
    captcha.setOptions(merged)
  })
  useEffect(
    () => captcha.subscribeEvents((event) => dispatchCallback(latest.current, event, captcha.getSnapshot())),
    [captcha],
  )
  // The server snapshot is the honest initial state: nothing is mounted during server rendering.
  const { status, token, error } = useSyncExternalStore(
    captcha.subscribe,
    captcha.getSnapshot,
    captcha.getSnapshot,
  )
  const { execute, reset, getToken, withToken } = captcha
  return { status, token, error, execute, reset, getToken, withToken, ref }
}
