import { describe, expect, it, vi } from 'vitest'
import { createClient, redisReplayGuard, statusFor, verify } from './index'

const answering = (body: unknown, status = 200) =>
  vi.fn(async () => new Response(typeof body === 'string' ? body : JSON.stringify(body), { status }))

describe('createClient, shapes the emulator does not produce', () => {
  it('accepts the older answer: ok for valid, client_ip and risk_score straight in data', async () => {
    const fetch = answering({
      code: 0,
      data: { ok: true, action: 'login', client_ip: '1.2.3.4', risk_score: 12 },
    })
    const client = createClient({ appKey: 'k', appSecret: 's', fetch })
    expect(await client.validate('pt_x', { expectedAction: 'login' })).toMatchObject({
      valid: true,
      action: 'login',
      captchaArgs: { user_ip: '1.2.3.4', risk_score: 12 },
    })
  })

  it('reads token_consumed (the CMS name) as token_already_used, and an unknown code as unknown_error', async () => {
    const consumed = createClient({
      appKey: 'k',
      appSecret: 's',
      fetch: answering({ code: 0, data: { valid: false, error: 'token_consumed' } }),
    })
    expect((await consumed.validate('pt_x')).error).toBe('token_already_used')
    const odd = createClient({
      appKey: 'k',
      appSecret: 's',
      fetch: answering({ code: 7, msg: 'brand_new_code', data: null }),
    })
    expect((await odd.validate('pt_x')).error).toBe('unknown_error')
  })

  it('a policy switch given as undefined keeps its default (exactOptionalPropertyTypes projects pass env values)', async () => {
    const fetch = answering({ code: 0, data: { valid: true } })
    const client = createClient({
      appKey: 'k',
      appSecret: 's',
      fetch,
      policy: {
        offline: undefined,
        offlineWhileMainUp: true,
        clientOnly: undefined,
        actions: { login: { clientOnly: undefined } },
      },
    })
    // offline_ defaults to accepted (at the backup), client-only to refused
    expect(await client.validate('offline_x', { clientIp: undefined })).toMatchObject({ valid: true })
    expect(await client.validate('client_x', { expectedAction: 'login' })).toMatchObject({ valid: false })
  })

  it('refuses a valid token whose answer names no action when one is expected', async () => {
    const client = createClient({
      appKey: 'k',
      appSecret: 's',
      fetch: answering({ code: 0, data: { valid: true } }),
    })
    expect((await client.validate('pt_x', { expectedAction: 'login' })).error).toBe('token_action_mismatch')
  })

  it('sends the secret only in the header, and the documented body', async () => {
    const fetch = answering({ code: 0, data: { valid: true, action: 'a' } })
    await createClient({ appKey: 'key', appSecret: 'secret', baseUrl: 'https://api.test/', fetch }).validate(
      'pt_x',
      {
        clientIp: '1.2.3.4',
        keepToken: true,
      },
    )
    const [url, init] = fetch.mock.calls[0] as unknown as [string, RequestInit]
    expect(url).toBe('https://api.test/v1/validate')
    expect(init.headers).toMatchObject({ 'x-app-key': 'key', 'x-app-secret': 'secret' })
    expect(JSON.parse(String(init.body))).toEqual({
      pass_token: 'pt_x',
      client_ip: '1.2.3.4',
      keep_token: true,
    })
    expect(String(init.body)).not.toContain('secret')
  })
})

describe('the replay guard', () => {
  it('makes an accepted client-only token single-use across clients sharing one guard', async () => {
    const store = new Map<string, string>()
    const redis = {
      set: vi.fn(async (key: string, value: string, options: { NX: true; PX?: number }) => {
        if (!key.endsWith('remembered-since')) expect(options.PX).toBeGreaterThan(0)
        if (store.has(key)) return null
        store.set(key, value)
        return 'OK'
      }),
      get: async (key: string) => store.get(key) ?? null,
    }
    const guard = redisReplayGuard(redis)
    const make = () =>
      createClient({
        appKey: 'k',
        appSecret: 's',
        policy: { clientOnly: true },
        replayGuard: guard,
        fetch: answering({}),
      })
    const results = await Promise.all([make(), make(), make()].map((c) => c.validate('client_same')))
    expect(results.filter((r) => r.valid)).toHaveLength(1)
    expect(results.filter((r) => r.error === 'token_replayed')).toHaveLength(2)
    // keys are hashes: the token itself is never stored
    expect(
      [...store.keys()].every((k) => k.startsWith('captchala:replay:') && !k.includes('client_same')),
    ).toBe(true)
    expect(results.every((r) => r.verified === false)).toBe(true)
  })
})

describe('verify', () => {
  const client = createClient({
    appKey: 'k',
    appSecret: 's',
    fetch: answering({ code: 0, data: { valid: true, action: 'login' } }),
  })
  const validate = vi.spyOn(client, 'validate')

  it('reads the token from the header, a form field or a JSON field, leaving the body readable', async () => {
    await verify(client, new Request('http://x/', { method: 'POST', headers: { 'x-captcha-token': 'pt_h' } }))
    const form = new Request('http://x/', {
      method: 'POST',
      body: new URLSearchParams({ captchala_token: 'pt_f' }),
    })
    await verify(client, form, { expectedAction: 'login' })
    expect(await form.text()).toContain('captchala_token')
    const json = new Request('http://x/', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"t":"pt_j"}',
    })
    await verify(client, json, { field: 't' })
    const broken = new Request('http://x/', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{',
    })
    expect((await verify(client, broken)).error).toBe('empty_token')
    expect(validate.mock.calls.map((c) => c[0])).toEqual(['pt_h', 'pt_f', 'pt_j', undefined])
    expect(validate.mock.calls[1]?.[1]).toEqual({ expectedAction: 'login' })
  })

  it("reads a Server Action's FormData, URLSearchParams and a parsed body; never an inherited field", async () => {
    const formData = new FormData()
    formData.set('captchala_token', 'pt_fd')
    await verify(client, formData)
    await verify(client, new URLSearchParams('captchala_token=pt_usp'))
    await verify(client, { captchala_token: 'pt_obj', email: 'a@b.c' })
    await verify(client, JSON.parse('{"__proto__": {"captchala_token": "pt_proto"}}'))
    await verify(client, null)
    expect(validate.mock.calls.slice(-5).map((c) => c[0])).toEqual([
      'pt_fd',
      'pt_usp',
      'pt_obj',
      undefined,
      undefined,
    ])
  })
})

describe('statusFor', () => {
  it('answers 200 for an accepted token, 503 when CaptchaLa or the guard could not be asked, else 403', () => {
    expect(statusFor({ valid: true, error: null })).toBe(200)
    expect(statusFor({ valid: false, error: 'request_failed' })).toBe(503)
    expect(statusFor({ valid: false, error: 'replay_guard_unavailable' })).toBe(503)
    expect(statusFor({ valid: false, error: 'token_replayed' })).toBe(403)
    expect(statusFor({ valid: false, error: 'empty_token' })).toBe(403)
  })
})
