import {
  type CaptchaError,
  type CaptchaOptions,
  FAILURE_STATE,
  noticeOf,
  retryKeepingFocus,
  STATUS_REGION,
  TOKEN_FIELD,
  visitorMessage,
  visitorWordsFor,
} from '@captchala/core'
import {
  defineComponent,
  h,
  hasInjectionContext,
  inject,
  type PropType,
  type SlotsType,
  type VNodeChild,
  watch,
} from 'vue'
import { CAPTCHA_OPTIONS, useCaptcha } from './useCaptcha'

// Props that also take an explicit `undefined`, for projects with exactOptionalPropertyTypes
// (`:lang="props.lang"` where `lang?: string`).
const optionalString = String as PropType<string | undefined>
const optionalNumber = Number as PropType<number | undefined>

/** What the `failure` slot gets: the error (its `message` says the cause and the fix) and a retry. */
export interface CaptchaFailureSlotProps {
  /** what failed: its `message` says the cause and the fix */
  error: CaptchaError
  /** loads and initialises again */
  retry: () => void
}

/** The core's options that are not props: the component owns its lifetime (`signal`) and its time (`clock`). */
type NotProps = 'clock' | 'signal'

/** What only the component takes: the hidden input and `v-model`. */
type ComponentOnlyProps = 'inputName' | 'modelValue'

/**
 * One prop for each of the core's options, and the component's own: `satisfies` fails the type check when the
 * core gains an option the component does not take (it would otherwise land as a fall-through attribute) or
 * loses one it does.
 */
export const captchaProps = {
  /** your app's public key; may come from the plugin instead */
  appKey: optionalString,
  /** the business scene, bound into the token: `login`, `register`, ... */
  action: optionalString,
  /** `bind`, `popup` (default), `float` or `embed` */
  product: String as PropType<CaptchaOptions['product']>,
  /** a BCP-47 tag or `auto`; changes in place */
  lang: optionalString,
  // null: any type, as the SDK and the core check these themselves
  /** `dark`, `stereoscopic` or `{ custom: { color, brightness, ... } }`; re-initialises when changed */
  theme: null as unknown as PropType<CaptchaOptions['theme']>,
  /** an `sct_` from your backend, or a function that fetches one */
  serverToken: null as unknown as PropType<CaptchaOptions['serverToken']>,
  /** `auto` (default: no puzzle the visitor did not ask for), `background` or `never` */
  refresh: String as PropType<CaptchaOptions['refresh']>,
  /** the token's lifetime when the SDK gives no `ttl` */
  tokenTtlMs: optionalNumber,
  /** how long an invisible challenge may run before `challenge_timeout` */
  challengeTimeoutMs: optionalNumber,
  /** where and how the SDK script loads */
  loader: Object as PropType<CaptchaOptions['loader']>,
  /** every lifecycle stage, for logs and diagnostics */
  onEvent: Function as PropType<CaptchaOptions['onEvent']>,
  /** a form post that carries the token spends it (default `true`); `:spend-on-submit="false"` to opt out */
  spendOnSubmit: { type: Boolean as PropType<boolean | undefined>, default: undefined },
  /** the hidden input's name; `false` for none */
  inputName: {
    type: [String, Boolean] as PropType<string | false | undefined>,
    default: TOKEN_FIELD,
  },
  /** the token (`v-model`); set it to `null` to reset the widget */
  modelValue: String as PropType<string | null | undefined>,
} satisfies Record<Exclude<keyof CaptchaOptions, NotProps> | ComponentOnlyProps, unknown>

/** The component's events and what each carries, for the types of listeners and of `emit`. */
export type CaptchaEmits = {
  'update:modelValue': (token: string | null) => true
  pass: (token: string) => true
  expire: () => true
  error: (error: CaptchaError) => true
  close: () => true
  ready: () => true
}

// At run time Vue needs only the events' names (a validator would run in development alone): the names are
// what the component declares, typed as the map above.
export const EVENT_NAMES = [
  'update:modelValue',
  'pass',
  'expire',
  'error',
  'close',
  'ready',
] as const satisfies readonly (keyof CaptchaEmits)[]

/**
 * A CaptchaLa widget: `v-model` holds the token (clear it to reset the widget), a hidden input carries it in a
 * native form post, and a failure state with a retry replaces an empty box. One root element, so `class` and
 * other attributes land on it.
 */
export const Captcha = defineComponent({
  props: captchaProps,
  emits: EVENT_NAMES as unknown as CaptchaEmits,
  slots: Object as SlotsType<{
    /** for `bind`: the button the challenge attaches to */
    default?: () => VNodeChild
    /** replaces the default failure state */
    failure?: (props: CaptchaFailureSlotProps) => VNodeChild
  }>,
  // The template ref (and `useTemplateRef`) sees the handle's methods, typed, and nothing else.
  expose: ['execute', 'reset', 'getToken', 'withToken', 'subscribeEvents'],
  setup(props, { emit }) {
    const captcha = useCaptcha(() => {
      const { inputName, modelValue, ...options } = props
      return {
        ...options,
        onPass: (token: string) => emit('pass', token),
        onExpire: () => emit('expire'),
        onError: (error: CaptchaError) => emit('error', error),
        onClose: () => emit('close'),
        onReady: () => emit('ready'),
      }
    })
    watch(captcha.token, (token) => emit('update:modelValue', token))
    // `v-model` both ways: a parent that clears the token it holds resets the widget.
    watch(
      () => props.modelValue,
      (value) => {
        if (!value && captcha.token.value) captcha.reset()
      },
    )
    const shared = hasInjectionContext() ? inject(CAPTCHA_OPTIONS, undefined) : undefined
    const { execute, reset, getToken, withToken, subscribeEvents } = captcha
    return { captcha, shared, execute, reset, getToken, withToken, subscribeEvents }
  },
  render() {
    const { captcha, shared, inputName, $slots } = this
    const lang = this.$props.lang ?? shared?.lang
    const error = captcha.error.value
    const notice = noticeOf({ status: captcha.status.value, error, waiting: captcha.waiting.value })
    return h('div', { ref: captcha.elementRef }, [
      $slots.default?.(),
      h('div', { role: STATUS_REGION.role, class: STATUS_REGION.className }, [
        notice === 'failure'
          ? error &&
            ($slots.failure ?? failureIn(lang))({
              error,
              retry: () => retryKeepingFocus(captcha.elementRef.value as HTMLElement | null, captcha.reset),
            })
          : notice && visitorWordsFor(lang)[notice],
      ]),
      inputName !== false &&
        h('input', { type: 'hidden', name: inputName, value: captcha.token.value ?? '' }),
    ])
  },
})

// Instead of an empty box: what the visitor can do, in their language, and a way to try again (the status
// region around it reads it out). The developer's message is the error's (the error event, devtools), never
// shown here.
const failureIn =
  (lang: string | undefined) =>
  ({ error, retry }: CaptchaFailureSlotProps) =>
    h('div', { class: FAILURE_STATE.className }, [
      `${visitorMessage(error, lang)} `,
      h('button', { type: 'button', onClick: retry }, visitorWordsFor(lang).retry),
    ])
