// The Japanese words, for the scenario of the failure state in the widget's lang: a page imports the
// languages it shows, once.
import '@captchala/core/locales/ja'
import {
  type AdapterHarness,
  adapterScenarios,
  installFakeSdk,
  rethrow,
  type ScenarioProps,
} from '@captchala/kit-testing'
import { cleanup, render } from '@testing-library/vue'
import { describe, expect, it, vi } from 'vitest'
import { createApp, defineComponent, effectScope, h, nextTick, reactive, ref, shallowRef, unref } from 'vue'
import { Captcha, type CaptchaHandle, Captchala, type UseCaptchaResult, useCaptcha } from './index'

const fake = installFakeSdk(cleanup)

function harness(): AdapterHarness {
  const model = ref<string | null>(null)
  const props = reactive<ScenarioProps>({})
  const handle = shallowRef<CaptchaHandle>()
  const Form = defineComponent(
    () => () =>
      h('form', [
        h(Captcha, {
          ...(props as object),
          ref: handle,
          modelValue: model.value,
          'onUpdate:modelValue': (token: string | null) => {
            model.value = token
          },
        }),
      ]),
  )
  let view: ReturnType<typeof render> | undefined
  const replace = (next: ScenarioProps) => {
    for (const key of Object.keys(props)) delete props[key as keyof ScenarioProps]
    Object.assign(props, next)
  }
  return {
    async render(next, shared) {
      replace(next)
      view = render(Form, shared ? { global: { plugins: [[Captchala, shared]] } } : {})
      await nextTick()
    },
    async update(next) {
      replace(next)
      await nextTick()
    },
    async unmount() {
      view!.unmount()
      await nextTick()
    },
    handle: () => handle.value!,
    model: () => model.value,
    async clearModel() {
      model.value = null
      await nextTick()
    },
    async renderHook(options) {
      let result: UseCaptchaResult | undefined
      view = render(
        defineComponent(() => {
          result = useCaptcha(options)
          return () => h('button', { type: 'button', ref: result!.elementRef })
        }),
      )
      await nextTick()
      return () =>
        Object.fromEntries(Object.entries(result!).map(([key, value]) => [key, unrefState(key, value)]))
    },
    async renderBoundForm(next, send, onRefused = rethrow) {
      replace(next)
      const BoundForm = defineComponent(
        () => () =>
          h(
            'form',
            {
              onSubmit: (event: Event) => {
                event.preventDefault()
                handle.value!.withToken(send).catch(onRefused)
              },
            },
            [
              h(
                Captcha,
                { ...(props as object), ref: handle },
                { default: () => h('button', { type: 'submit', 'data-testid': 'bound-submit' }, 'Send') },
              ),
            ],
          ),
      )
      view = render(BoundForm)
      await nextTick()
    },
    async advance(ms) {
      await vi.advanceTimersByTimeAsync(ms)
      await nextTick()
    },
  }
}

// The state fields are refs in Vue; the shared scenarios compare plain values.
const unrefState = (key: string, value: unknown) => (key === 'elementRef' ? value : unref(value))

describe('@captchala/vue, shared scenarios', () => {
  for (const scenario of adapterScenarios) it(scenario.name, () => scenario.run(harness(), fake()))
})

describe('@captchala/vue', () => {
  it('warns in development when useCaptcha is called where nothing will release it, and only there', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const scope = effectScope()
    scope.run(() => useCaptcha({ appKey: 'demo_app' }))
    scope.stop()
    expect(warn).not.toHaveBeenCalled()
    useCaptcha({ appKey: 'demo_app' })
    expect(warn).toHaveBeenCalledTimes(1)
    expect(String(warn.mock.calls[0]![0])).toMatch(/outside .*setup\(\).*effectScope/)
  })

  it('takes shared options from the plugin', async () => {
    const app = createApp(() => h(Captcha, { action: 'login' }))
    app.use(Captchala, { appKey: 'from_plugin' })
    app.mount(document.body.appendChild(document.createElement('div')))
    await vi.advanceTimersByTimeAsync(0)
    expect(fake().last().options.appKey).toBe('from_plugin')
    app.unmount()
  })

  it('has one root element, so class and other attributes land on it (no warning)', async () => {
    const warn = vi.spyOn(console, 'warn')
    render(Captcha, {
      props: { appKey: 'demo_app', product: 'embed' },
      attrs: { class: 'wide', 'data-x': '1' },
    })
    await vi.advanceTimersByTimeAsync(0)
    const root = document.querySelector('.wide')
    expect(root?.getAttribute('data-x')).toBe('1')
    expect(root?.querySelector('input[name=captchala_token]')).not.toBeNull()
    expect(root?.querySelector('.captchala-embed')).not.toBeNull()
    expect(warn).not.toHaveBeenCalled()
  })

  it('the failure slot replaces the default failure state and gets the error and a retry', async () => {
    render(Captcha, {
      props: { appKey: 'demo_app', product: 'embed' },
      slots: {
        failure: ({ error, retry }: { error: { code: string }; retry: () => void }) =>
          h('button', { class: 'mine', onClick: retry }, `oops ${error.code}`),
      },
    })
    await vi.advanceTimersByTimeAsync(0)
    fake().last().fail('Blocked (invalid_answer)')
    await vi.advanceTimersByTimeAsync(0)
    expect(document.querySelector('.captchala-failure')).toBeNull()
    const mine = document.querySelector<HTMLButtonElement>('.mine')
    expect(mine?.textContent).toBe('oops sdk_error')
    mine?.click()
    await vi.advanceTimersByTimeAsync(0)
    expect(document.querySelector('.mine')).toBeNull()
  })

  it('useCaptcha takes a getter, keeps reactivity when destructured, and binds a button', async () => {
    const action = ref('login')
    let result: ReturnType<typeof useCaptcha> | undefined
    render(
      defineComponent(() => {
        result = useCaptcha(() => ({ appKey: 'demo_app', action: action.value, product: 'bind' }))
        return () => h('button', { ref: result!.elementRef }, 'Log in')
      }),
    )
    await vi.advanceTimersByTimeAsync(0)
    expect(fake().last().calls).toEqual(['bindTo'])
    const { status, token, execute } = result!
    expect(status.value).toBe('ready')
    const passed = await execute()
    expect(token.value).toBe(passed)
    expect(status.value).toBe('passed')
  })

  it('an imperative call applies an option change the watcher has not flushed yet (TanStack Query #5910)', async () => {
    const action = ref('login')
    let result: ReturnType<typeof useCaptcha> | undefined
    render(
      defineComponent(() => {
        result = useCaptcha(() => ({ appKey: 'demo_app', action: action.value, product: 'bind' }))
        return () => h('button', { ref: result!.elementRef })
      }),
    )
    await vi.advanceTimersByTimeAsync(0)
    action.value = 'pay' // no tick: the watcher has not run
    const run = result!.execute()
    await vi.advanceTimersByTimeAsync(0)
    await run
    // the challenge ran on a widget made for the new action, never on the old one
    const ran = fake().widgets.filter((w) => w.calls.includes('verify'))
    expect(ran.map((w) => w.options.action)).toEqual(['pay'])
  })

  it('cleans up with its effect scope', async () => {
    const { unmount } = render(
      defineComponent(() => {
        const { elementRef: el } = useCaptcha({ appKey: 'demo_app' })
        return () => h('div', { ref: el })
      }),
    )
    await vi.advanceTimersByTimeAsync(0)
    unmount()
    expect(fake().widgets.every((w) => w.destroyed)).toBe(true)
  })
})
