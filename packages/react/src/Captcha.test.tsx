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
import { act, cleanup, render } from '@testing-library/react'
import { createRef, memo, StrictMode, useRef, useState } from 'react'
import { describe, expect, it, vi } from 'vitest'
import { Captcha, type CaptchaHandle, type CaptchaOptions, CaptchaProvider, useCaptcha } from './index'

const fake = installFakeSdk(cleanup)

function harness(): AdapterHarness {
  const handle = createRef<CaptchaHandle>()
  let shared: Partial<CaptchaOptions> | undefined
  const tree = (props: ScenarioProps) => {
    const captcha = <Captcha ref={handle} {...props} />
    return (
      <StrictMode>
        <form>
          {shared ? <CaptchaProvider {...(shared as CaptchaOptions)}>{captcha}</CaptchaProvider> : captcha}
        </form>
      </StrictMode>
    )
  }
  let view: ReturnType<typeof render> | undefined
  return {
    async render(props, sharedOptions) {
      shared = sharedOptions
      await act(async () => {
        view = render(tree(props))
      })
    },
    async update(props) {
      await act(async () => view!.rerender(tree(props)))
    },
    async unmount() {
      await act(async () => view!.unmount())
    },
    handle: () => handle.current!,
    model: () => document.querySelector<HTMLInputElement>('input[type=hidden]')?.value || null,
    async clearModel() {
      await act(async () => handle.current!.reset())
    },
    async renderHook(options) {
      let latest: Record<string, unknown> = {}
      function WithHook() {
        const result = useCaptcha(options)
        latest = { ...result }
        return <button type="button" ref={result.elementRef} />
      }
      await act(async () => {
        view = render(<WithHook />)
      })
      return () => latest
    },
    async renderBoundForm(props, send, onRefused = rethrow) {
      await act(async () => {
        view = render(
          <StrictMode>
            <form
              onSubmit={(event) => {
                event.preventDefault()
                handle.current!.withToken(send).catch(onRefused)
              }}
            >
              <Captcha ref={handle} {...props}>
                <button type="submit" data-testid="bound-submit">
                  Send
                </button>
              </Captcha>
            </form>
          </StrictMode>,
        )
      })
    },
    async advance(ms) {
      await act(() => vi.advanceTimersByTimeAsync(ms))
    },
  }
}

describe('@captchala/react, shared scenarios', () => {
  for (const scenario of adapterScenarios) it(scenario.name, () => scenario.run(harness(), fake()))
})

describe('@captchala/react', () => {
  it('takes shared options from <CaptchaProvider>', async () => {
    await act(async () => {
      render(
        <CaptchaProvider appKey="from_provider" loader={{ nonce: 'n' }}>
          <Captcha action="login" />
        </CaptchaProvider>,
      )
    })
    await act(() => vi.advanceTimersByTimeAsync(0))
    expect(fake().last().options.appKey).toBe('from_provider')
  })

  it('renderFailure replaces the default failure state and gets the error and a retry', async () => {
    await act(async () => {
      render(
        <Captcha
          appKey="demo_app"
          product="embed"
          renderFailure={(error, retry) => (
            <button type="button" className="mine" onClick={retry}>
              oops {error.code}
            </button>
          )}
        />,
      )
    })
    await act(() => vi.advanceTimersByTimeAsync(0))
    await act(async () => fake().last().fail('Blocked (invalid_answer)'))
    expect(document.querySelector('.captchala-failure')).toBeNull()
    const mine = document.querySelector<HTMLButtonElement>('.mine')
    expect(mine?.textContent).toBe('oops sdk_error')
    await act(async () => mine?.click())
    expect(document.querySelector('.mine')).toBeNull()
  })

  it('useCaptcha binds a button for the bind product and returns the state as values', async () => {
    let result: ReturnType<typeof useCaptcha> | undefined
    function Login() {
      result = useCaptcha({ appKey: 'demo_app', action: 'login', product: 'bind' })
      return (
        <button type="button" ref={result.elementRef}>
          Log in
        </button>
      )
    }
    await act(async () => {
      render(<Login />)
    })
    await act(() => vi.advanceTimersByTimeAsync(0))
    expect(fake().last().calls).toEqual(['bindTo'])
    expect(result!.status).toBe('ready')
    let token = ''
    await act(async () => {
      token = await result!.execute()
    })
    expect(result).toMatchObject({ status: 'passed', token, error: null })
  })

  it('keeps its controller through StrictMode’s unmount and mount, and releases it when it leaves for good', async () => {
    const handle = createRef<CaptchaHandle>()
    let view: ReturnType<typeof render> | undefined
    await act(async () => {
      view = render(
        <StrictMode>
          <Captcha ref={handle} appKey="demo_app" product="embed" />
        </StrictMode>,
      )
    })
    await act(() => vi.advanceTimersByTimeAsync(0))
    // alive after StrictMode's double effects: a challenge runs and passes
    let token = ''
    await act(async () => {
      const passed = handle.current!.execute()
      fake().last().pass()
      token = await passed
    })
    expect(token).toMatch(/^pt_/)
    // a challenge left running when the component goes is ended by the release
    const pending = handle.current!.execute().catch((error: { code?: string }) => error.code)
    await act(async () => view!.unmount())
    await act(() => vi.advanceTimersByTimeAsync(0))
    expect(await pending).toBe('destroyed')
  })

  it('<CaptchaProvider> gives the same options object while its options are the same', async () => {
    let renders = 0
    const Child = memo(function Child() {
      renders++
      const { elementRef } = useCaptcha({ product: 'bind' })
      return <button type="button" ref={elementRef} />
    })
    let rerender: () => void = () => {}
    function Page() {
      const [count, setCount] = useState(0)
      rerender = () => setCount(count + 1)
      return (
        <CaptchaProvider appKey="demo_app" loader={{ nonce: 'n', src: ['http://127.0.0.1:8787'] }}>
          <Child />
        </CaptchaProvider>
      )
    }
    await act(async () => {
      render(<Page />)
    })
    const afterMount = renders
    for (let i = 0; i < 3; i++) await act(async () => rerender())
    expect(renders).toBe(afterMount)
  })

  it('a token refresh re-renders the component that reads the token once, and its parent not at all', async () => {
    const renders = { parent: 0, child: 0 }
    function Child() {
      renders.child++
      const { token, elementRef } = useCaptcha({
        appKey: 'demo_app',
        product: 'bind',
        refresh: 'background',
        tokenTtlMs: 100_000,
      })
      return <button type="button" ref={elementRef} data-token={token ?? ''} />
    }
    function Parent() {
      renders.parent++
      const stable = useRef(<Child />)
      return stable.current
    }
    await act(async () => {
      render(<Parent />)
    })
    await act(() => vi.advanceTimersByTimeAsync(0))
    const button = document.querySelector('button')!
    // pass once by hand, then let the background refresh replace the token
    await act(async () => void fake().last().pass())
    const first = button.dataset.token
    const before = { ...renders }
    await act(() => vi.advanceTimersByTimeAsync(75_000))
    expect(button.dataset.token).not.toBe(first)
    expect(button.dataset.token).toMatch(/^pt_/)
    expect(renders.child - before.child).toBe(1)
    expect(renders.parent - before.parent).toBe(0)
  })
})
