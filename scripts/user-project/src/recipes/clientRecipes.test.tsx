// The browser halves of the READMEs' recipes, pasted as they stand by userProject.mjs: react-hook-form with
// withToken, and the useActionState form whose Server Action validates against the packed emulator (the fake
// browser SDK hands out a token the emulator minted).
import { type FakeCaptchala, installFakeCaptchala } from '@captchala/testing'
import { cleanup, fireEvent, render, screen } from '@testing-library/react'
import { afterEach, beforeEach, expect, it, vi } from 'vitest'
import { mint, startEmulatorForFile } from './emulator'
import { ReactHookFormLogin } from './ReactHookFormLogin'

startEmulatorForFile()

let captchala: FakeCaptchala
beforeEach(() => {
  captchala = installFakeCaptchala()
})
afterEach(() => {
  cleanup()
  captchala.uninstall()
  vi.unstubAllGlobals()
})

it('react-hook-form: invalid fields send nothing; a double click sends the fields once, with one token', async () => {
  const fetch = vi.fn(async (_url: string, _init: RequestInit) => Response.json({ ok: true }))
  vi.stubGlobal('fetch', fetch)
  render(<ReactHookFormLogin />)
  const button = screen.getByRole('button', { name: 'Log in' })
  fireEvent.click(button)
  await screen.findByText('Enter your email.')
  expect(fetch).not.toHaveBeenCalled()
  fireEvent.input(screen.getByLabelText('Email'), { target: { value: 'ada@example.com' } })
  fireEvent.click(button)
  fireEvent.click(button)
  await screen.findByText('Welcome back.', {}, { timeout: 60_000 })
  expect(fetch).toHaveBeenCalledTimes(1)
  const body = JSON.parse(String(fetch.mock.calls[0]?.[1].body))
  expect(body).toEqual({ email: 'ada@example.com', captchala_token: captchala.tokens[0] })
})

it('react-hook-form: a refusal reads in the visitor’s words, not a code', async () => {
  vi.stubGlobal('fetch', async () => Response.json({ ok: false, error: 'token_expired', category: 'token' }))
  render(<ReactHookFormLogin />)
  fireEvent.input(screen.getByLabelText('Email'), { target: { value: 'ada@example.com' } })
  fireEvent.click(screen.getByRole('button', { name: 'Log in' }))
  await screen.findByText('This verification expired or was already used. Please verify again.')
})

it('useActionState: the bound button runs the challenge, the form goes with its token, the action validates it', async () => {
  captchala.nextChallenge({ outcome: 'pass', token: await mint('subscribe') })
  const { SubscribeForm } = await import('./SubscribeForm')
  render(<SubscribeForm />)
  fireEvent.input(screen.getByLabelText('Email'), { target: { value: 'ada@example.com' } })
  fireEvent.click(screen.getByRole('button', { name: 'Subscribe' }))
  await screen.findByText('Subscribed.', {}, { timeout: 60_000 })
})
