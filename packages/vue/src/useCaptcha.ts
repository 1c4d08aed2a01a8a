import {
  type CaptchaBindingOptions,
  type CaptchaController,
  type CaptchaHandle,
  type CaptchaOptions,
  type CaptchaState,
  createCaptcha,
  dispatchCallback,
  mergeOptions,
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

// Replaced by the bundler, as in Vue's own esm-bundler build (which needs the same); Node's in SSR and tests.
declare const process: { env: { NODE_ENV?: string } }

const OUTSIDE_A_SCOPE =
  '[@captchala/vue] useCaptcha() was called outside a component’s setup() or an effectScope(): nothing will ' +
  'destroy its widget, timers and listeners. Call it in setup(), or in effectScope().run() and stop the scope.'

/** Options shared by every captcha in the app, provided by the plugin. */
export const CAPTCHA_OPTIONS: InjectionKey<Partial<CaptchaOptions>> = Symbol('captchala')

/** The core's options and the callbacks; `appKey` may come from the plugin instead. */
export type UseCaptchaOptions = CaptchaBindingOptions

type StateRefs = { readonly [Field in keyof CaptchaState]: ComputedRef<CaptchaState[Field]> }

/** The same fields as @captchala/react's useCaptcha, as readonly refs. */
export type UseCaptchaResult = StateRefs &
  CaptchaHandle & {
    /** bind as a template ref to the element the widget lives in (for `bind`: the button) */
    elementRef: ShallowRef<Element | null>
  }

/** Binds one CaptchaLa widget. Options may be a ref, a getter or a value; the result is safe to destructure. */
export function useCaptcha(options: MaybeRefOrGetter<UseCaptchaOptions> = {}): UseCaptchaResult {
  const shared = hasInjectionContext() ? inject(CAPTCHA_OPTIONS, undefined) : undefined
  const merged = computed(() => mergeOptions(shared, toValue(options)))
  const captcha = createCaptcha(merged.value)
  const state = shallowRef(captcha.getSnapshot())
  const elementRef = shallowRef<Element | null>(null)
  const stops = [
    captcha.subscribe(() => {
      state.value = captcha.getSnapshot()
    }),
    captcha.subscribeEvents((event) => dispatchCallback(merged.value, event, captcha.getSnapshot())),
    watch(merged, (next) => captcha.setOptions(next)),
    watch(
      elementRef,
      (element, _, onCleanup) => {
        if (element) onCleanup(captcha.mount(element))
      },
      { flush: 'post' },
    ),
  ]
  if (getCurrentScope()) {
    onScopeDispose(() => {
      for (const stop of stops) stop()
      captcha.destroy()
    })
  } else if (process.env.NODE_ENV !== 'production') {
    // As vue-query does: outside a scope nothing will ever release the widget, its timers and listeners.
    console.warn(OUTSIDE_A_SCOPE)
  }
  // An imperative call first applies option changes the watcher has not flushed yet (TanStack Query #5910).
  const synced =
    <Args extends unknown[], Result>(fn: (...args: Args) => Result) =>
    (...args: Args) => {
      captcha.setOptions(merged.value)
      return fn(...args)
    }
  // A readonly ref for each field of the state, as React's useCaptcha spreads the state's fields.
  const fields = Object.fromEntries(
    Object.keys(state.value).map((name) => [name, computed(() => state.value[name as keyof CaptchaState])]),
  ) as StateRefs
  return {
    ...fields,
    execute: synced(captcha.execute),
    reset: captcha.reset,
    getToken: synced(captcha.getToken),
    withToken: synced(captcha.withToken) as CaptchaController['withToken'],
    subscribeEvents: captcha.subscribeEvents,
    elementRef,
  }
}
