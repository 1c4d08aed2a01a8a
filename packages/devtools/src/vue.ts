import { defineComponent, h, onMounted, type PropType, ref, watch } from 'vue'
import { type CaptchaDevtoolsElement, DEVTOOLS_TAG, defineCaptchaDevtools } from './CaptchaDevtoolsElement'
import { type CaptchaEventSource, createTrail, type Trail } from './createTrail'

type Sources = CaptchaEventSource | Record<string, CaptchaEventSource | null | undefined> | null | undefined

const isSource = (value: object): value is CaptchaEventSource =>
  typeof (value as CaptchaEventSource).subscribeEvents === 'function'

/**
 * `<CaptchaDevtools :captcha="useCaptcha(...)" />`: the panel, following a widget's trail. It attaches
 * during setup, before the widget mounts, so the trail starts with the script request.
 */
export const CaptchaDevtools = defineComponent({
  name: 'CaptchaDevtools',
  props: {
    /** what `useCaptcha()` returns or a `<Captcha>` template ref holds; several by name as `{ login, signup }` */
    captcha: { type: Object as PropType<Sources>, default: undefined },
    /** a trail of your own (to feed it the server's verdicts); one is made otherwise */
    trail: { type: Object as PropType<Trail>, default: undefined },
  },
  setup(props) {
    const own = createTrail()
    const trailOf = () => props.trail ?? own
    const panel = ref<CaptchaDevtoolsElement | null>(null)
    watch(
      () => [trailOf(), props.captcha] as const,
      ([trail, captcha], _, onCleanup) => {
        const sources = !captcha
          ? []
          : isSource(captcha)
            ? [['captcha', captcha] as const]
            : Object.entries(captcha)
        const detach = sources.flatMap(([name, source]) => (source ? [trail.attach(source, name)] : []))
        onCleanup(() => {
          for (const each of detach) each()
        })
      },
      { immediate: true, flush: 'sync' },
    )
    onMounted(() => {
      defineCaptchaDevtools()
      watch(
        trailOf,
        (trail) => {
          if (panel.value) panel.value.trail = trail
        },
        { immediate: true },
      )
    })
    return () => h(DEVTOOLS_TAG, { ref: panel })
  },
})
