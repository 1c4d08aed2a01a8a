import {
  type CaptchaBindingOptions,
  type CaptchaController,
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
  // The latest callbacks, read when their event comes, so a new inline function never re-initialises
  // anything. The options go to the controller on every render: it acts only on what changed.
  const latest = useRef(merged)
  useEffect(() => {
    latest.current = merged
    captcha.setOptions(merged)
  })
  useEffect(
    () => captcha.subscribeEvents((event) => dispatchCallback(latest.current, event, captcha.getSnapshot())),
    [captcha],
  )
  useReleaseOnUnmount(captcha)
  // Mounted from an effect that runs after the one above, so that no event of the mount is missed.
  useEffect(() => (element ? captcha.mount(element) : undefined), [captcha, element])
  // The server snapshot is the honest initial state: nothing is mounted during server rendering.
  const state = useSyncExternalStore(captcha.subscribe, captcha.getSnapshot, captcha.getSnapshot)
  const { execute, reset, getToken, withToken, subscribeEvents } = captcha
  return { ...state, execute, reset, getToken, withToken, subscribeEvents, elementRef }
}

/**
 * Destroys the controller (its widget, timers and pending calls) when the component leaves for good.
 * StrictMode unmounts and mounts again at once, with the same controller: so the destroy waits a microtask,
 * and a mount in between cancels it.
 */
function useReleaseOnUnmount(captcha: CaptchaController) {
  const pendingRelease = useRef<{ cancelled: boolean }>(undefined)
  useEffect(() => {
    if (pendingRelease.current) pendingRelease.current.cancelled = true
    return () => {
      const release = { cancelled: false }
      pendingRelease.current = release
      // A resolved promise, not queueMicrotask: Jest's fake timers fake that one, and the release would wait.
      void Promise.resolve().then(() => {
        if (!release.cancelled) captcha.destroy()
      })
    }
  }, [captcha])
}
