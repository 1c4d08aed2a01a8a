// @vitest-environment node
// The server halves of the READMEs' recipes, pasted as they stand by userProject.mjs, against the packed
// emulator: React Router's action, the Server Action of useActionState, and Hono. A fresh token passes; its
// replay and a forged token are refused, and a refusal carries what the page turns into the visitor's words.
import { expect, it } from 'vitest'
import { mint, startEmulatorForFile } from './emulator'

startEmulatorForFile()

const formPost = (fields: Record<string, string>) =>
  new Request('http://shop.example/login', { method: 'POST', body: new URLSearchParams(fields) })

it("React Router: the route's action validates the token, then reads the form", async () => {
  const { action } = await import('./login')
  const args = (request: Request) => ({ request, params: {}, context: {} }) as Parameters<typeof action>[0]
  const token = await mint('login')
  const fields = { email: 'ada@example.com', captchala_token: token }
  expect(await action(args(formPost(fields)))).toEqual({ ok: true, email: 'ada@example.com' })
  const replay = await action(args(formPost(fields)))
  expect(replay).toMatchObject({
    data: { ok: false, error: 'token_already_used', category: 'token' },
    init: { status: 403 },
  })
})

it('useActionState: the Server Action validates the FormData its form carried', async () => {
  const { subscribe } = await import('./actions')
  const form = (token: string) => {
    const data = new FormData()
    data.set('email', 'ada@example.com')
    data.set('captchala_token', token)
    return data
  }
  const token = await mint('subscribe')
  expect(await subscribe({ ok: false }, form(token))).toEqual({ ok: true })
  expect(await subscribe({ ok: false }, form(token))).toEqual({
    ok: false,
    error: 'token_already_used',
    category: 'token',
  })
  expect(await subscribe({ ok: false }, form(await mint('login')))).toMatchObject({
    ok: false,
    error: 'token_action_mismatch',
  })
})

it('Hono: a pass, then its replay and a forged token refused with 403 JSON, the body still readable', async () => {
  const { app } = await import('./hono')
  const login = (captchala_token: string) =>
    app.request('/api/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'ada@example.com', captchala_token }),
    })
  const token = await mint('login')
  const passed = await login(token)
  expect(passed.status).toBe(200)
  expect(await passed.json()).toEqual({ ok: true, message: 'Welcome back, ada@example.com.' })
  for (const refused of [token, 'pt_forged_while_healthy']) {
    const answer = await login(refused)
    expect(answer.status).toBe(403)
    expect(await answer.json()).toMatchObject({ ok: false, error: expect.any(String), category: 'token' })
  }
})
