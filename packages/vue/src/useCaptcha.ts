import {
  type CaptchaController,
  type CaptchaError,
  type CaptchaOptions,
  type CaptchaState,
  callbackOf,
  createCaptcha,
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

export interface CaptchaCallbacks {
  onPass?: (token: string) => void
  onExpire?: () => void
  onError?: (error: CaptchaError) => void
  onClose?: () => void
  onReady?: () => void
}

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
    captcha.subscribeEvents((event) => {
      const [name, arg] = callbackOf(event, captcha.getSnapshot()) ?? []
      if (name)
        merged.value[`on${name[0]!.toUpperCase()}${name.slice(1)}` as keyof CaptchaCallbacks]?.(arg as never)
    }),
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
