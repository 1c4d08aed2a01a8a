import {
  type CaptchaBindingOptions,
  type CaptchaHandle,
  type CaptchaState,
  createCaptcha,
  dispatchCallback,
  mergeOptions,
} from '@captchala/core'
import { useContext, useEffect, useRef, useState, useSyncExternalStore } from 'react'
import { CaptchaContext } from './CaptchaProvider'

/** The core's options and the callbacks; `appKey` may come from `<CaptchaProvider>` instead. */
export type UseCaptchaOptions = CaptchaBindingOptions

/** The same fields as @captchala/vue's useCaptcha (there as readonly refs). */
export type UseCaptchaResult = CaptchaState &
  CaptchaHandle & {
    /** attach to the element the widget lives in (for `bind`: the button) */
    elementRef: (element: Element | null) => void
  }

/** Binds one CaptchaLa widget: state as render values, the controller's methods, and a ref to mount it. */
export function useCaptcha(options: UseCaptchaOptions = {}): UseCaptchaResult {
  const merged = mergeOptions(useContext(CaptchaContext), options)
  // Created once and free of side effects, so StrictMode's second render costs nothing.
  const [captcha] = useState(() => createCaptcha(merged))
  const [element, elementRef] = useState<Element | null>(null)
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
  // Mounted from an effect that runs after the one above, so that no event of the mount is missed.
  useEffect(() => (element ? captcha.mount(element) : undefined), [captcha, element])
  // The server snapshot is the honest initial state: nothing is mounted during server rendering.
  const state = useSyncExternalStore(captcha.subscribe, captcha.getSnapshot, captcha.getSnapshot)
  const { execute, reset, getToken, withToken } = captcha
  return { ...state, execute, reset, getToken, withToken, elementRef }
}
