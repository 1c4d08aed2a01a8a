import { createElement, type HTMLAttributes, useEffect, useLayoutEffect, useRef, useState } from 'react'
import { type CaptchaDevtoolsElement, DEVTOOLS_TAG, defineCaptchaDevtools } from './CaptchaDevtoolsElement'
import { type CaptchaSources, createTrail, namedSources, sourcesKey, type Trail } from './createTrail'

export interface CaptchaDevtoolsProps extends HTMLAttributes<HTMLElement> {
  /** what `useCaptcha()` returns or a `<Captcha>` ref holds; several by name as `{ login: a, signup: b }` */
  captcha?: CaptchaSources
  /** a trail of your own (to feed it the server's verdicts); one is made otherwise */
  trail?: Trail | undefined
}

// A layout effect in the browser; on the server (where React 18 warns about one) nothing runs anyway.
const useBrowserLayoutEffect = typeof document === 'undefined' ? useEffect : useLayoutEffect

/**
 * `<CaptchaDevtools captcha={useCaptcha(...)} />`: the panel, following a widget's trail. It attaches in a
 * layout effect, before the widget mounts in its own effect, so the trail starts with the script request.
 */
export function CaptchaDevtools({ captcha, trail: given, ...attributes }: CaptchaDevtoolsProps) {
  const [own] = useState(createTrail)
  const trail = given ?? own
  const panel = useRef<CaptchaDevtoolsElement>(null)
  const sources = namedSources(captcha)
  const latest = useRef(sources)
  latest.current = sources
  // Keyed by name and subscription: a new handle object on every render attaches nothing again.
  const key = sourcesKey(sources)
  useBrowserLayoutEffect(() => {
    const detach = latest.current.map(([name, source]) => trail.attach(source, name))
    return () => {
      for (const each of detach) each()
    }
  }, [trail, key])
  useBrowserLayoutEffect(() => {
    defineCaptchaDevtools()
    if (panel.current) panel.current.trail = trail
  }, [trail])
  return createElement(DEVTOOLS_TAG, { ...attributes, ref: panel })
}
