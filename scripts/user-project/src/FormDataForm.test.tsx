// A form posted with its own FormData and no page load (as React Router's <Form>, a Server Action or a
// fetch handler do), built from the packed packages: each post carries a token of its own (issue 22).
import { Captcha, type CaptchaHandle } from '@captchala/react'
import { type FakeCaptchala, installFakeCaptchala } from '@captchala/testing'
import { act, cleanup, fireEvent, render } from '@testing-library/react'
import { createRef } from 'react'
import { afterEach, beforeEach, expect, it } from 'vitest'

let captchala: FakeCaptchala
beforeEach(() => {
  captchala = installFakeCaptchala()
})
afterEach(() => {
  cleanup()
  captchala.uninstall()
})

it('spends the token a FormData post carried: the next post needs, and gets, a new challenge', async () => {
  const sent: (FormDataEntryValue | null)[] = []
  const captcha = createRef<CaptchaHandle>()
  const { container } = render(
    <form
      onSubmit={(event) => {
        event.preventDefault()
        sent.push(new FormData(event.currentTarget).get('captchala_token'))
      }}
    >
      <Captcha ref={captcha} appKey="test_app" action="subscribe" />
      <button type="submit">Subscribe</button>
    </form>,
  )
  const form = container.querySelector('form')!
  const post = async () => {
    fireEvent.submit(form)
    await act(() => new Promise((resolve) => setTimeout(resolve, 0)))
  }
  const challenge = () => act(async () => void (await captcha.current!.execute()))
  await challenge()
  await post()
  await post() // again, without a challenge: the spent token is not sent twice
  await challenge()
  await post()
  expect(sent).toEqual([captchala.tokens[0], '', captchala.tokens[1]])
  expect(captchala.tokens[0]).not.toBe(captchala.tokens[1])
})
