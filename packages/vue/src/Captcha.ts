import type { CaptchaError, CaptchaOptions } from '@captchala/core'
import { defineComponent, h, type PropType, watch } from 'vue'
import { useCaptcha } from './useCaptcha'

/** A CaptchaLa widget: `v-model` holds the token, a hidden input carries it in a native form post. */
export const Captcha = defineComponent({
  name: 'CaptchalaCaptcha', // devtools name; the export stays `Captcha`
  props: {
    appKey: String,
    action: String,
    product: String as PropType<CaptchaOptions['product']>,
    lang: String,
    // null: any type, as the SDK and the core check these themselves
    theme: null as unknown as PropType<CaptchaOptions['theme']>,
    serverToken: null as unknown as PropType<CaptchaOptions['serverToken']>,
    refresh: String as PropType<CaptchaOptions['refresh']>,
    tokenTtlMs: Number,
    loader: Object as PropType<CaptchaOptions['loader']>,
    onEvent: Function as PropType<CaptchaOptions['onEvent']>,
    /** the hidden input's name; `false` for none */
    inputName: { type: [String, Boolean] as PropType<string | false>, default: 'captchala_token' },
    modelValue: String as PropType<string | null>,
  },
  // Validators are left out (null): they would only run in development, and the types say it all.
  emits: {
    'update:modelValue': (_token: string | null) => true,
    pass: (_token: string) => true,
    expire: () => true,
    error: (_error: CaptchaError) => true,
    close: () => true,
    ready: () => true,
  },
  setup(props, { emit, expose, slots }) {
    const captcha = useCaptcha(() => {
      const { inputName, modelValue, ...options } = props
      // Absent props are undefined here and must not hide what the plugin provides.
      const given = Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined))
      return {
        ...given,
        onPass: (token: string) => emit('pass', token),
        onExpire: () => emit('expire'),
        onError: (error: CaptchaError) => emit('error', error),
        onClose: () => emit('close'),
        onReady: () => emit('ready'),
      }
    })
    watch(captcha.token, (token) => emit('update:modelValue', token))
    const { execute, reset, getToken, withToken } = captcha
    expose({ execute, reset, getToken, withToken })
    return () => [
      h('div', { ref: captcha.ref }, slots.default?.()),
      props.inputName !== false &&
        h('input', { type: 'hidden', name: props.inputName, value: captcha.token.value ?? '' }),
    ]
  },
})
