import Fastify from 'fastify'
import { describe, expect, it, vi } from 'vitest'
import { captchalaFastify } from './fastify'
import { createClient } from './index'

const client = createClient({
  appKey: 'k',
  appSecret: 's',
  fetch: vi.fn(async (_url, init) => {
    const { pass_token } = JSON.parse(String(init?.body))
    const data =
      pass_token === 'pt_good'
        ? { valid: true, action: 'login' }
        : { valid: false, error: 'token_already_used' }
    return new Response(JSON.stringify({ code: 0, data }))
  }),
})

describe('captchalaFastify', () => {
  it('guards a route: lets a valid token through with its verdict, refuses others with the reason', async () => {
    const onResult = vi.fn()
    const app = Fastify()
    await app.register(captchalaFastify, { client, onResult })
    app.post('/login', { preHandler: app.captchala.guard('login') }, async (request) => ({
      ok: true,
      type: request.captchala?.tokenType,
    }))
    const good = await app.inject({ method: 'POST', url: '/login', payload: { captchala_token: 'pt_good' } })
    expect(good.json()).toEqual({ ok: true, type: 'pass' })
    const used = await app.inject({
      method: 'POST',
      url: '/login',
      headers: { 'x-captcha-token': 'pt_used' },
    })
    expect(used.statusCode).toBe(403)
    expect(used.json()).toEqual({ ok: false, error: 'token_already_used', category: 'token' })
    expect(onResult).toHaveBeenCalledTimes(2)
    expect(onResult.mock.calls[1]?.[2]).toBe('pt_used')
    await app.close()
  })
})
