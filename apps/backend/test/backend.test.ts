import { startEmulator } from '@captchala/emulator'
import { emulatorControl } from '@captchala/kit-testing/emulator-control'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createBackend, FORM_ACTIONS, readConfig } from '../src/index'

let emu: Awaited<ReturnType<typeof startEmulator>>
let backend: Awaited<ReturnType<typeof createBackend>>
let logs: Record<string, unknown>[] = []

const { post: control, faults, mint, reset } = emulatorControl(() => emu.url)

async function start(env: Record<string, string> = {}) {
  const app = await createBackend(
    // Each case switches faults on its own: the breaker never opens across them (its own tests cover it).
    readConfig({ CAPTCHALA_BASE_URL: emu.url, PORT: '0', CAPTCHALA_BREAKER_FAILURES: '1000000', ...env }),
    {
      logger: { level: 'info', stream: { write: (line: string) => logs.push(JSON.parse(line)) } },
    },
  )
  await app.listen({ port: 0, host: '127.0.0.1' })
  return app
}
const url = (app: typeof backend, path: string) => {
  const address = app.server.address()
  return `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}${path}`
}
const post = async (path: string, body: unknown, headers: Record<string, string> = {}, app = backend) => {
  const res = await fetch(url(app, path), {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  })
  return { status: res.status, body: await res.json() }
}

beforeAll(async () => {
  emu = await startEmulator({ port: 0 })
  backend = await start()
})
afterAll(async () => {
  await backend.close()
  await emu.close()
})
beforeEach(async () => {
  logs = []
  await reset()
})

describe('the form endpoints', () => {
  it('accepts a login token once, then answers with the precise reason', async () => {
    const token = await mint('login')
    expect(await post('/api/login', { email: 'a@b.c', captchala_token: token })).toMatchObject({
      status: 200,
      body: { ok: true, action: 'login', tokenType: 'pass' },
    })
    expect(await post('/api/login', { captchala_token: token })).toMatchObject({
      status: 403,
      body: { ok: false, error: 'token_already_used', message: expect.stringContaining('already used') },
    })
  })

  it('reads the token from a form post or the X-Captcha-Token header', async () => {
    const res = await fetch(url(backend, '/api/signup'), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ email: 'a@b.c', captchala_token: await mint('signup') }),
    })
    expect(res.status).toBe(200)
    expect((await post('/api/checkout', {}, { 'x-captcha-token': await mint('checkout') })).status).toBe(200)
  })

  it('a native form post with return_to goes back to that page with the answer; never to another site', async () => {
    const form = async (body: Record<string, string>) =>
      fetch(url(backend, '/api/contact'), {
        method: 'POST',
        redirect: 'manual',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(body),
      })
    const token = await mint('contact')
    const passed = await form({ captchala_token: token, return_to: '/react/#/native-form' })
    expect(passed.status).toBe(303)
    expect(passed.headers.get('location')).toMatch(/^\/react\/#\/native-form\?result=ok&requestId=[\w-]+$/)
    const again = await form({ captchala_token: token, return_to: '/vue/#/native-form' })
    expect(again.headers.get('location')).toMatch(
      /^\/vue\/#\/native-form\?result=token_already_used&requestId=[\w-]+&category=token&message=This\+verification/,
    )
    for (const returnTo of ['//evil.example/', '/\\evil.example', 'https://evil.example/'])
      expect((await form({ captchala_token: await mint('contact'), return_to: returnTo })).status).toBe(200)
  })

  it('tells pages the public site config, with the emulator when CaptchaLa is local', async () => {
    const res = await fetch(url(backend, '/api/site-config'))
    expect(await res.json()).toEqual({
      ok: true,
      appKey: 'demo_app',
      scriptSrc: [emu.url],
      emulator: emu.url,
    })
  })

  it('refuses a token made for another form, and a missing token', async () => {
    expect((await post('/api/checkout', { captchala_token: await mint('login') })).body.error).toBe(
      'token_action_mismatch',
    )
    expect(logs.find((l) => l.msg === 'captchala')).toMatchObject({
      expectedAction: 'checkout',
      action: 'login',
      code: 'token_action_mismatch',
      category: 'token',
    })
    expect(await post('/api/login', {})).toMatchObject({ status: 403, body: { error: 'empty_token' } })
  })

  it('as an attacker, while CaptchaLa is healthy: forged client_ / co_ and bypass offline_ tokens pass no form', async () => {
    // an offline_ token the bypass worker issued during a (switched) outage, kept for later
    await faults({ main: 'down' })
    const offline = (await control('/bypass/issue', { app_key: 'demo_app', action: 'login' })).data.token!
    await faults({ main: 'up' })
    for (const action of FORM_ACTIONS) {
      for (const token of ['client_anything', 'co_x', offline]) {
        const answer = await post(`/api/${action}`, { captchala_token: token })
        expect(answer.status, `${action} ${token}`).toBe(403)
        expect(answer.body.ok).toBe(false)
        expect([
          'outage_not_seen',
          'client_only_rejected',
          'offline_rejected',
          'token_action_mismatch',
        ]).toContain(answer.body.error)
      }
    }
    expect(logs.filter((l) => l.msg === 'captchala' && l.call === 'validate' && l.result === 'ok')).toEqual(
      [],
    )
  })

  it('with main and backup down: a client-only token passes login once, never checkout', async () => {
    await faults({ main: 'down', backup: 'down' })
    expect((await post('/api/login', { captchala_token: 'client_abc' })).body).toMatchObject({
      ok: true,
      clientOnly: true,
    })
    expect((await post('/api/login', { captchala_token: 'client_abc' })).body.error).toBe('token_replayed')
    expect((await post('/api/checkout', { captchala_token: 'client_def' })).body.error).toBe(
      'client_only_rejected',
    )
  })

  it('with the main API down: an offline_ token passes signup once, validated at the backup', async () => {
    await faults({ main: 'down' })
    const offline = (await control('/bypass/issue', { app_key: 'demo_app', action: 'signup' })).data.token!
    expect(await post('/api/signup', { captchala_token: offline })).toMatchObject({
      status: 200,
      body: { ok: true, tokenType: 'offline', offline: true },
    })
    expect((await post('/api/signup', { captchala_token: offline })).body.error).toBe('token_already_used')
  })

  it('answers 503 with a JSON reason when CaptchaLa drops the connection (the answer is lost, not retried)', async () => {
    await faults({ main: 'down' })
    const token = await mint('login')
    expect(await post('/api/login', { captchala_token: token })).toMatchObject({
      status: 503,
      body: { error: 'answer_lost', message: expect.stringContaining('verify again') },
    })
  })

  it('logs every verification in stages, with the token as its id, prefix and length only', async () => {
    const token = await mint('login')
    const res = await post('/api/login', { captchala_token: token })
    const line = logs.find((l) => l.msg === 'captchala' && l.call === 'validate')
    expect(line).toMatchObject({
      reqId: res.body.requestId,
      requestId: res.body.requestId,
      expectedAction: 'login',
      action: 'login',
      token: { id: res.body.tokenId, prefix: 'pt_', length: token.length },
      answeredBy: 'emulator',
      upstream: 'main',
      upstreamStatus: 200,
      attempts: 1,
      result: 'ok',
      platform: 'web',
      environment: expect.any(String),
      timestamp: expect.any(String),
    })
    expect(JSON.stringify(logs)).not.toContain(token)
  })
})

describe('the caller’s IP', () => {
  const sctFor = async (app: typeof backend, headers: Record<string, string>) => {
    const res = await fetch(url(app, '/api/server-token?action=login'), { headers })
    return (await res.json()) as { ok: boolean; serverToken: string }
  }
  const boundTo = async (serverToken: string) =>
    (await control('/v1/sdk/challenge', { app_key: 'demo_app', action: 'login', server_token: serverToken }))
      .data

  it('binds the sct_ to the socket address and ignores X-Forwarded-For by default', async () => {
    const { ok, serverToken } = await sctFor(backend, { 'x-forwarded-for': '198.51.100.7' })
    expect(ok).toBe(true)
    expect(serverToken).toMatch(/^sct_/)
    // the emulator sees the browser at 127.0.0.1: the binding matches only if the header was ignored
    expect((await boundTo(serverToken)).challenge_id).toMatch(/^ch_/)
  })

  it('believes X-Forwarded-For from a listed proxy', async () => {
    const proxied = await start({ TRUSTED_PROXIES: '127.0.0.1' })
    const { serverToken } = await sctFor(proxied, { 'x-forwarded-for': '198.51.100.7' })
    expect((await boundTo(serverToken)).error).toBe('server_token_binding_mismatch')
    await proxied.close()
  })

  it('refuses a malformed action, and an action of no form, with 400', async () => {
    for (const action of ['no%20spaces', 'not_a_form']) {
      const res = await fetch(url(backend, `/api/server-token?action=${action}`))
      expect(res.status).toBe(400)
      expect(await res.json()).toMatchObject({ ok: false, error: 'invalid_request' })
    }
  })
})

describe('limits and bad input', () => {
  it('rate-limits the form endpoints per IP with a JSON 429', async () => {
    const limited = await start({ RATE_LIMIT_MAX: '3' })
    const statuses = []
    for (let i = 0; i < 5; i++) statuses.push((await post('/api/login', {}, {}, limited)).status)
    expect(statuses).toEqual([403, 403, 403, 429, 429])
    const last = await post('/api/login', {}, {}, limited)
    expect(last.body).toMatchObject({ ok: false, error: 'rate_limit_exceeded' })
    await limited.close()
  })

  it('answers 4xx JSON for malformed JSON, wrong types, huge bodies and unknown routes', async () => {
    expect(await post('/api/login', '{"captchala_token":')).toMatchObject({
      status: 400,
      body: { ok: false },
    })
    expect(await post('/api/login', { captchala_token: { $ne: 1 } })).toMatchObject({
      status: 400,
      body: { error: 'invalid_request' },
    })
    expect((await post('/api/login', { a: 'x'.repeat(20_000) })).status).toBe(413)
    expect(await post('/api/nothing', {})).toMatchObject({ status: 404, body: { error: 'not_found' } })
  })

  it('refuses a bad configuration with a clear message', () => {
    expect(() => readConfig({ PORT: 'eighty' })).toThrow('PORT must be a whole number')
  })
})
