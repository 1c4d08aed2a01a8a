'use client'
import { Captcha, CaptchaError, type CaptchaHandle, visitorMessage } from '@captchala/react'
import { type FormEvent, useRef, useState } from 'react'

interface LoginAnswer {
  ok: boolean
  message?: string
  error?: string | null
  category?: string | null
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
      // A refusal in the visitor's words for its cause (the server's `error` and `category`).
      if (answer) setMessage(answer.ok ? (answer.message ?? 'Welcome back.') : visitorMessage(answer))
    } catch (error) {
      // The visitor's words for a CaptchaError; its `message` (cause and fix) is for the developer.
      setMessage(error instanceof CaptchaError ? visitorMessage(error) : 'The server could not be reached.')
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
