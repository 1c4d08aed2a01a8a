import { computed, defineComponent, h, onMounted, type PropType, ref, watch } from 'vue'
import { type CaptchaDevtoolsElement, DEVTOOLS_TAG, defineCaptchaDevtools } from './CaptchaDevtoolsElement'
import { type CaptchaSources, createTrail, namedSources, sourcesKey, type Trail } from './createTrail'

/**
 * `<CaptchaDevtools :captcha="useCaptcha(...)" />`: the panel, following a widget's trail. It attaches
 * during setup, before the widget mounts, so the trail starts with the script request.
 */
export const CaptchaDevtools = defineComponent({
  name: 'CaptchaDevtools',
  props: {
    /** what `useCaptcha()` returns or a `<Captcha>` template ref holds; several by name as `{ login, signup }` */
    captcha: { type: Object as PropType<CaptchaSources>, default: undefined },
    /** a trail of your own (to feed it the server's verdicts); one is made otherwise */
    trail: { type: Object as PropType<Trail>, default: undefined },
  },
  setup(props) {
    const own = createTrail()
    const trail = computed(() => props.trail ?? own)
    const sources = computed(() => namedSources(props.captcha))
    const panel = ref<CaptchaDevtoolsElement | null>(null)
    // Keyed by name and subscription: an inline `{ login, signup }` made anew each render attaches nothing again.
    watch(
      () => [trail.value, sourcesKey(sources.value)] as const,
      ([current], _, onCleanup) => {
        const detach = sources.value.map(([name, source]) => current.attach(source, name))
        onCleanup(() => {
          for (const each of detach) each()
        })
      },
      { immediate: true, flush: 'sync' },
    )
    onMounted(() => {
      defineCaptchaDevtools()
      watch(
        trail,
        (current) => {
          if (panel.value) panel.value.trail = current
        },
        { immediate: true },
      )
    })
    return () => h(DEVTOOLS_TAG, { ref: panel })
  },
})
