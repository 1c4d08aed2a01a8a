import {
  type CaptchaController,
  type CaptchaError,
  type CaptchaOptions,
  type CaptchaState,
  callbackOf,
  createCaptcha,
} from '@captchala/core'
import { useContext, useEffect, useRef, useState, useSyncExternalStore } from 'react'
import { CaptchaContext } from './CaptchaProvider'

export interface CaptchaCallbacks {
  onPass?: (token: string) => void
  onExpire?: () => void
  onError?: (error: CaptchaError) => void
  onClose?: () => void
  onReady?: () => void
}

export type UseCaptchaOptions = Partial<CaptchaOptions> & CaptchaCallbacks

export type UseCaptchaResult = CaptchaState &
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
    () =>
      captcha.subscribeEvents((event) => {
        const [name, arg] = callbackOf(event, captcha.getSnapshot()) ?? []
        if (name)
          latest.current[`on${name[0]!.toUpperCase()}${name.slice(1)}` as keyof CaptchaCallbacks]?.(
            arg as never,
          )
      }),
    [captcha],
  )
  // The server snapshot is the honest initial state: nothing is mounted during server rendering.
  const state = useSyncExternalStore(captcha.subscribe, captcha.getSnapshot, captcha.getSnapshot)
  const { execute, reset, getToken, withToken } = captcha
  return { ...state, execute, reset, getToken, withToken, ref }
}
