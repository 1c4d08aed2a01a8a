'use client'
import { Captcha, CaptchaError, type CaptchaHandle } from '@captchala/react'
import { type FormEvent, useRef, useState } from 'react'

interface LoginAnswer {
  ok: boolean
  message?: string
  error?: string | null
}

/**
 * Invisible: the button sits inside `<Captcha product="bind">`, so its click runs the challenge (a proof of work,
 * unseen for a low-risk visitor) and the form is sent once with the token, however often it is clicked.
 */
export function LoginForm({ appKey, scriptSrc }: { appKey: string; scriptSrc: string | undefined }) {
  const captcha = useRef<CaptchaHandle>(null)
  const [message, setMessage] = useState('')
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    const fields = Object.fromEntries(new FormData(event.currentTarget))
    try {
      const answer = await captcha.current!.withToken(async (captchala_token) => {
        const response = await fetch('/api/login', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ ...fields, captchala_token }),
        })
        return (await response.json()) as LoginAnswer
      })
      if (answer)
        setMessage(answer.ok ? (answer.message ?? 'Welcome back.') : `Refused: ${answer.error ?? 'unknown'}`)
    } catch (error) {
      setMessage(error instanceof CaptchaError ? error.message : 'The server could not be reached.')
    }
  }
  return (
    <form onSubmit={submit} data-testid="login">
      <input name="email" type="email" defaultValue="ada@example.com" aria-label="Email" />
      <Captcha
        ref={captcha}
        appKey={appKey}
        action="login"
        product="bind"
        loader={scriptSrc ? { src: scriptSrc } : undefined}
      >
        <button type="submit">Log in</button>
      </Captcha>
      <p role="status" data-testid="login-result">
        {message}
      </p>
    </form>
  )
}
