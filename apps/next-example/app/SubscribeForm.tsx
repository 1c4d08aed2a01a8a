'use client'
import { Captcha, visitorMessage } from '@captchala/react'
import { useActionState } from 'react'
import { type SubscribeState, subscribe } from './actions'

const INITIAL: SubscribeState = { ok: false, message: '' }

/**
 * A Server Action, no client fetch: the button sits inside `<Captcha product="bind">`, so its click starts the
 * challenge and the form goes once the token is in its hidden `captchala_token` field.
 */
export function SubscribeForm({ appKey, scriptSrc }: { appKey: string; scriptSrc: string | undefined }) {
  const [state, action, pending] = useActionState(subscribe, INITIAL)
  return (
    <form action={action} data-testid="subscribe">
      <input name="email" type="email" defaultValue="ada@example.com" aria-label="Email" />
      <Captcha
        appKey={appKey}
        action="subscribe"
        product="bind"
        loader={scriptSrc ? { src: scriptSrc } : undefined}
      >
        <button type="submit" disabled={pending}>
          Subscribe
        </button>
      </Captcha>
      <p role="status" data-testid="subscribe-result">
        {state.error ? visitorMessage(state) : state.message}
      </p>
    </form>
  )
}
