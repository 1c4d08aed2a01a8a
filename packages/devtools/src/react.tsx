import { createElement, type HTMLAttributes, useLayoutEffect, useRef, useState } from 'react'
import { type CaptchaDevtoolsElement, DEVTOOLS_TAG, defineCaptchaDevtools } from './CaptchaDevtoolsElement'
import { type CaptchaEventSource, createTrail, type Trail } from './createTrail'

export interface CaptchaDevtoolsProps extends HTMLAttributes<HTMLElement> {
  /** what `useCaptcha()` returns or a `<Captcha>` ref holds; several by name as `{ login: a, signup: b }` */
  captcha?: CaptchaEventSource | Record<string, CaptchaEventSource | null | undefined> | null | undefined
  /** a trail of your own (to feed it the server's verdicts); one is made otherwise */
  trail?: Trail | undefined
}

const isSource = (value: object): value is CaptchaEventSource =>
  typeof (value as CaptchaEventSource).subscribeEvents === 'function'

/**
 * `<CaptchaDevtools captcha={useCaptcha(...)} />`: the panel, following a widget's trail. It attaches in a
 * layout effect, before the widget mounts in its own effect, so the trail starts with the script request.
 */
export function CaptchaDevtools({ captcha, trail: given, ...attributes }: CaptchaDevtoolsProps) {
  const [own] = useState(createTrail)
  const trail = given ?? own
  const panel = useRef<CaptchaDevtoolsElement>(null)
  const sources = !captcha
    ? []
    : isSource(captcha)
      ? [['captcha', captcha] as const]
      : Object.entries(captcha)
  // Keyed by name and the stable subscribe functions: a new handle object each render attaches nothing again.
  const names = sources.map(([name]) => name)
  const subscriptions = sources.map(([, source]) => source?.subscribeEvents)
  // biome-ignore lint/correctness/useExhaustiveDependencies: the sources are keyed by name and subscription
  useLayoutEffect(() => {
    const detach = sources.flatMap(([name, source]) => (source ? [trail.attach(source, name)] : []))
    return () => {
      for (const each of detach) each()
    }
  }, [trail, names.join('\n'), ...subscriptions])
  useLayoutEffect(() => {
    defineCaptchaDevtools()
    if (panel.current) panel.current.trail = trail
  }, [trail])
  return createElement(DEVTOOLS_TAG, { ...attributes, ref: panel })
}
