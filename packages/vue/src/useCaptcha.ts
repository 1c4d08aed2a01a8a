import {
  type CaptchaCallbacks,
  type CaptchaController,
  type CaptchaOptions,
  type CaptchaState,
  createCaptcha,
  dispatchCallback,
} from '@captchala/core'
import {
  type ComputedRef,
  computed,
  getCurrentScope,
  hasInjectionContext,
  type InjectionKey,
  inject,
  type MaybeRefOrGetter,
  onScopeDispose,
  type ShallowRef,
  shallowRef,
  toValue,
  watch,
} from 'vue'

/** Options shared by every captcha in the app, provided by the plugin. */
export const CAPTCHA_OPTIONS: InjectionKey<Partial<CaptchaOptions>> = Symbol('captchala')

export type UseCaptchaOptions = Partial<CaptchaOptions> & CaptchaCallbacks

export type UseCaptchaResult = {
  readonly [K in 'status' | 'token' | 'error']: ComputedRef<CaptchaState[K]>
} & Pick<CaptchaController, 'execute' | 'reset' | 'getToken' | 'withToken'> & {
    /** bind as a template ref to the element the widget lives in (for `bind`: the button) */
    ref: ShallowRef<Element | null>
  }

/** Binds one CaptchaLa widget. Options may be a ref, a getter or a value; the result is safe to destructure. */
export function useCaptcha(options: MaybeRefOrGetter<UseCaptchaOptions>): UseCaptchaResult {
  const shared = hasInjectionContext() ? inject(CAPTCHA_OPTIONS, {}) : {}
  const merged = computed(() => ({ ...shared, ...toValue(options) }) as CaptchaOptions & CaptchaCallbacks)
  const captcha = createCaptcha(merged.value)
  const state = shallowRef(captcha.getSnapshot())
  const stops = [
    captcha.subscribe(() => {
      state.value = captcha.getSnapshot()
    }),
    captcha.subscribeEvents((event) => dispatchCallback(merged.value, event, captcha.getSnapshot())),
    watch(merged, (next) => captcha.setOptions(next)),
  ]
  const el = shallowRef<Element | null>(null)
  watch(el, (element, _, onCleanup) => element && onCleanup(captcha.mount(element)), { flush: 'post' })
  if (getCurrentScope())
    onScopeDispose(() => {
      for (const stop of stops) stop()
      captcha.destroy()
    })
  // An imperative call first applies option changes the watcher has not flushed yet (TanStack Query #5910).
  const synced =
    <A extends unknown[], R>(fn: (...args: A) => R) =>
    (...args: A) => {
      captcha.setOptions(merged.value)
      return fn(...args)
    }
  const field = <K extends keyof CaptchaState>(key: K) => computed(() => state.value[key])
  return {
    status: field('status'),
    token: field('token'),
    error: field('error'),
    execute: synced(captcha.execute),
    reset: captcha.reset,
    getToken: synced(captcha.getToken),
    withToken: synced(captcha.withToken) as CaptchaController['withToken'],
    ref: el,
  }
}
