import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { emulator, solvePow } from './client'

let emu: Awaited<ReturnType<typeof emulator>>
beforeAll(async () => {
  emu = await emulator()
})
afterAll(() => emu.close())
beforeEach(() => emu.post('/__emulator/reset', {}))

describe('POST /v1/validate', () => {
  it('validates a pass token once, echoing the action and captcha_args', async () => {
    const token = await emu.mint('login')
    const first = await emu.validate(token, { client_ip: '203.0.113.10' })
    expect(first.status).toBe(200)
    expect(first.body).toMatchObject({
      code: 0,
      data: {
        valid: true,
        action: 'login',
        challenge_id: expect.stringMatching(/^ch_/),
        uid: null,
        captcha_args: { platform: 'web', user_ip: '127.0.0.1', pkg: null, solved_at: expect.any(Number) },
      },
    })
    expect((await emu.validate(token)).body.data).toEqual({ valid: false, error: 'token_already_used' })
  })

  it('records the client_ip of every validation, readable through the control plane', async () => {
    const token = await emu.mint()
    await emu.validate(token, { keep_token: true })
    await emu.validate(token, { client_ip: '203.0.113.10' })
    const res = await fetch(`${emu.url}/__emulator/tokens/${token}`)
    expect((await res.json()).data).toMatchObject({
      action: 'login',
      used: true,
      validatedFor: [null, '203.0.113.10'],
    })
    expect((await fetch(`${emu.url}/__emulator/tokens/pt_nope`)).status).toBe(404)
  })

  it('keeps the client_ip of the last 20 validations only, so a token checked often stays cheap', async () => {
    const token = await emu.mint()
    for (let i = 1; i <= 25; i++) await emu.validate(token, { keep_token: true, client_ip: `203.0.113.${i}` })
    const { data } = await (await fetch(`${emu.url}/__emulator/tokens/${token}`)).json()
    expect(data.validatedFor).toHaveLength(20)
    expect(data.validatedFor[0]).toBe('203.0.113.6')
    expect(data.validatedFor.at(-1)).toBe('203.0.113.25')
  })

  it('keep_token checks without consuming', async () => {
    const token = await emu.mint()
    expect((await emu.validate(token, { keep_token: true })).body.data.valid).toBe(true)
    expect((await emu.validate(token, { keep_token: true })).body.data.valid).toBe(true)
    expect((await emu.validate(token)).body.data.valid).toBe(true)
    expect((await emu.validate(token, { keep_token: true })).body.data.error).toBe('token_already_used')
  })

  it('answers token_expired once the clock passes the token ttl', async () => {
    const token = await emu.mint('login', 'demo_app', 30)
    await emu.advance(30_000)
    expect((await emu.validate(token)).body.data).toEqual({ valid: false, error: 'token_expired' })
  })

  it('echoes the action the token was made for, so the caller can refuse a mismatch', async () => {
    const token = await emu.mint('pay')
    expect((await emu.validate(token)).body.data).toMatchObject({ valid: true, action: 'pay' })
  })

  it('answers empty_token and invalid_token', async () => {
    expect((await emu.validate('')).body).toMatchObject({ code: 1, data: { error: 'empty_token' } })
    expect((await emu.post('/v1/validate', {}, emu.creds())).body.data.error).toBe('empty_token')
    expect((await emu.validate(42)).body.data.error).toBe('invalid_token')
    expect((await emu.validate('pt_unknown')).body.data).toEqual({ valid: false, error: 'invalid_token' })
    expect((await emu.validate('client_abc')).body.data).toEqual({ valid: false, error: 'invalid_token' })
  })

  it('does not accept another app’s token', async () => {
    const token = await emu.mint('login', 'test_pass_invisible')
    expect((await emu.validate(token)).body.data.error).toBe('invalid_token')
  })

  it('answers invalid_app_key and invalid_app_secret as HTTP 200 envelopes with a non-zero code', async () => {
    const token = await emu.mint()
    const wrongKey = await emu.post('/v1/validate', { pass_token: token }, emu.creds('nobody', 'x'))
    expect(wrongKey).toMatchObject({ status: 200, body: { code: 1, msg: 'invalid_app_key' } })
    const wrongSecret = await emu.post('/v1/validate', { pass_token: token }, emu.creds('demo_app', 'wrong'))
    expect(wrongSecret).toMatchObject({
      status: 200,
      body: { code: 1, data: { error: 'invalid_app_secret' } },
    })
    const noHeaders = await emu.post('/v1/validate', { pass_token: token })
    expect(noHeaders.body.data.error).toBe('invalid_app_key')
    // the token was not spent by the refused calls
    expect((await emu.validate(token)).body.data.valid).toBe(true)
  })

  it('finds no app behind Object.prototype names (a fuzz-test find)', async () => {
    for (const key of ['valueOf', '__proto__', 'constructor', 'toString']) {
      const res = await emu.post('/v1/validate', { pass_token: 'pt_x' }, emu.creds(key, ''))
      expect(res).toMatchObject({ status: 200, body: { code: 1, data: { error: 'invalid_app_key' } } })
    }
  })

  it('puts risk_score, client_ip and offline at the top of data too, where the official demo reads them', async () => {
    const token = await emu.mint()
    const { body } = await emu.validate(token)
    expect(body.data).toMatchObject({
      valid: true,
      offline: false,
      risk_score: body.data.captcha_args.risk_score,
      client_ip: body.data.captcha_args.user_ip,
    })
    expect(typeof body.data.risk_score).toBe('number')
  })

  it('serves the scripts and the stylesheet with CORS, for crossorigin="anonymous" tags', async () => {
    for (const path of ['/captchala.js', '/captchala-loader.js', '/captchala.css']) {
      const res = await fetch(`${emu.url}${path}`, { headers: { origin: 'http://site.test' } })
      expect(res.headers.get('access-control-allow-origin'), path).toBe('*')
    }
    // the secret-bearing API still gets none
    const api = await fetch(`${emu.url}/v1/validate`, {
      method: 'POST',
      headers: { origin: 'http://site.test' },
    })
    expect(api.headers.get('access-control-allow-origin')).toBeNull()
  })

  it('serves the /v1/challenge/verify alias', async () => {
    const token = await emu.mint()
    const res = await emu.post('/v1/challenge/verify', { pass_token: token }, emu.creds())
    expect(res.body.data.valid).toBe(true)
  })

  it('gives exactly one valid:true to 200 concurrent validations of one token', async () => {
    const token = await emu.mint()
    const results = await Promise.all(Array.from({ length: 200 }, () => emu.validate(token)))
    expect(results.filter((r) => r.body.data.valid === true)).toHaveLength(1)
    expect(results.filter((r) => r.body.data.error === 'token_already_used')).toHaveLength(199)
  })
})

describe('POST /v1/server/challenge/issue', () => {
  it('issues an sct_ from JSON with binding_ip, ttl, max_uses and bind_uid', async () => {
    const res = await emu.post(
      '/v1/server/challenge/issue',
      { action: 'login', binding_ip: '1.2.3.4', ttl: 60, max_uses: 2, bind_uid: 'u1' },
      emu.creds(),
    )
    expect(res.body).toMatchObject({
      code: 0,
      data: { server_token: expect.stringMatching(/^sct_/), expires_in: 60, issued_at: expect.any(Number) },
    })
  })

  it('issues from form-urlencoded with bind_ip, defaulting ttl to 300', async () => {
    const res = await fetch(`${emu.url}/v1/server/challenge/issue`, {
      method: 'POST',
      headers: { ...emu.creds(), 'content-type': 'application/x-www-form-urlencoded' },
      body: 'action=login&bind_ip=1.2.3.4',
    })
    expect(await res.json()).toMatchObject({ code: 0, data: { expires_in: 300 } })
  })

  it('serves the /v1/server-token/issue alias and refuses a missing action', async () => {
    expect((await emu.post('/v1/server-token/issue', { action: 'x' }, emu.creds())).body.code).toBe(0)
    const missing = await emu.post('/v1/server/challenge/issue', {}, emu.creds())
    expect(missing).toMatchObject({ status: 200, body: { code: 1, data: { error: 'invalid_action' } } })
  })
})

describe('server tokens at challenge time (the SDK side)', () => {
  const issue = async (body: object) =>
    (await emu.post('/v1/server/challenge/issue', { action: 'login', ...body }, emu.creds())).body.data
      .server_token
  const challenge = (serverToken: string, appKey = 'demo_app') =>
    emu.post('/v1/sdk/challenge', { app_key: appKey, action: 'login', server_token: serverToken })

  it('accepts a bound sct_ from its own IP, refuses it from another', async () => {
    expect((await challenge(await issue({ binding_ip: '127.0.0.1' }))).body.code).toBe(0)
    const other = await challenge(await issue({ binding_ip: '198.51.100.7' }))
    expect(other).toMatchObject({ status: 403, body: { data: { error: 'server_token_binding_mismatch' } } })
  })

  it('refuses an sct_ past its uses, past its ttl, unknown, or of another app', async () => {
    const once = await issue({ max_uses: 1 })
    expect((await challenge(once)).body.code).toBe(0)
    expect((await challenge(once)).body.data.error).toBe('server_token_exhausted')
    const short = await issue({ ttl: 10 })
    await emu.advance(10_000)
    expect((await challenge(short)).body.data.error).toBe('server_token_expired')
    expect((await challenge('sct_nope')).body.data.error).toBe('server_token_invalid')
    expect((await challenge(await issue({}), 'test_pass_invisible')).body.data.error).toBe(
      'server_token_app_mismatch',
    )
  })
})

describe('fallback tokens', () => {
  it('POST /__emulator/tokens mints what each test key gives a browser: pt_, dg_, offline_, client_, or a refusal', async () => {
    const mint = (appKey: string) => emu.post('/__emulator/tokens', { appKey, action: 'login' })
    const kinds: Record<string, [string, RegExp]> = {
      demo_app: ['pass', /^pt_/],
      test_degraded: ['degraded', /^dg_/],
      test_offline: ['offline', /^offline_/],
      test_client_only: ['client', /^client_/],
    }
    for (const [appKey, [kind, prefix]] of Object.entries(kinds)) {
      const { body } = await mint(appKey)
      expect(body.data, appKey).toMatchObject({ kind, token: expect.stringMatching(prefix) })
    }
    // each is the real thing: the dg_ validates as degraded, the offline_ once at the backup
    const degraded = (await mint('test_degraded')).body.data.token
    expect((await emu.validate(degraded, {}, 'test_degraded')).body.data).toMatchObject({ degraded: true })
    const offline = (await mint('test_offline')).body.data.token
    const backup = await emu.post('/api/validate', { pass_token: offline }, emu.creds('test_offline'))
    expect(backup.body.data).toMatchObject({ valid: true, offline: true })
    expect((await mint('test_block')).body).toMatchObject({ code: 1, data: { error: 'risk_rejected' } })
    // the switches do not change it: a test mints first, then switches
    await emu.post('/__emulator/faults', { main: 'down', quotaExhausted: true })
    expect((await mint('demo_app')).body.data.kind).toBe('pass')
  })

  const sdkChallenge = (appKey: string) => emu.post('/v1/sdk/challenge', { app_key: appKey, action: 'login' })

  it('dg_: validation answers valid:false, degraded:true, reason quota_exhausted', async () => {
    const res = await sdkChallenge('test_degraded')
    expect(res.body.data).toMatchObject({ tier: 'degraded', token: expect.stringMatching(/^dg_/) })
    const verdict = await emu.validate(res.body.data.token, {}, 'test_degraded')
    expect(verdict.body.data).toEqual({
      valid: false,
      degraded: true,
      reason: 'quota_exhausted',
      action: 'login',
    })
  })

  it('dg_: a forged signature is invalid, and it expires after 5 minutes', async () => {
    const { token } = (await sdkChallenge('test_degraded')).body.data
    const forged = `${token.slice(0, -2)}xx`
    expect((await emu.validate(forged, {}, 'test_degraded')).body.data.error).toBe('invalid_token')
    await emu.advance(300_000)
    expect((await emu.validate(token, {}, 'test_degraded')).body.data.error).toBe('token_expired')
  })

  it('quotaExhausted switches any app to dg_ tokens', async () => {
    await emu.faults({ quotaExhausted: true })
    expect((await sdkChallenge('demo_app')).body.data.tier).toBe('degraded')
  })

  it('the risk switch overrides the tier of every app; `app` gives each its own back', async () => {
    await emu.faults({ risk: 'medium' })
    expect((await sdkChallenge('demo_app')).body.data.tier).toBe('medium')
    await emu.faults({ risk: 'high' })
    expect((await sdkChallenge('demo_app')).body.data.error).toBe('risk_rejected')
    await emu.faults({ risk: 'app' })
    expect((await sdkChallenge('test_pass_challenge')).body.data.tier).toBe('medium')
    expect((await sdkChallenge('demo_app')).body.data.tier).toBe('low')
  })

  it('the tokenTtl switch shortens the life of pass tokens solved after it', async () => {
    await emu.faults({ tokenTtl: 5 })
    const { challenge_id, pow } = (await sdkChallenge('demo_app')).body.data
    const answer = await emu.post('/v1/sdk/answer', { challenge_id, nonce: solvePow(pow) })
    expect(answer.body.data.ttl).toBe(5)
    await emu.advance(5_000)
    expect((await emu.validate(answer.body.data.token)).body.data.error).toBe('token_expired')
  })

  it('the control plane answers browsers (CORS); the secret-bearing API does not', async () => {
    const preflight = (path: string) =>
      fetch(emu.url + path, {
        method: 'OPTIONS',
        headers: { origin: 'http://127.0.0.1:9', 'access-control-request-method': 'POST' },
      })
    expect((await preflight('/__emulator/faults')).headers.get('access-control-allow-origin')).toBe('*')
    expect((await preflight('/v1/validate')).headers.get('access-control-allow-origin')).toBeNull()
  })

  it('offline_: valid once at the backup only', async () => {
    const issued = await emu.post('/bypass/issue', { app_key: 'test_offline', action: 'login' })
    const token = issued.body.data.token as string
    expect(token).toMatch(/^offline_/)
    // The main API is down for test_offline, for its site's server too: the connection drops.
    await expect(emu.validate(token, {}, 'test_offline')).rejects.toThrow()
    expect((await emu.validate(token)).body.data.error).toBe('invalid_token')
    const backup = (t: string) => emu.post('/api/validate', { pass_token: t }, emu.creds('test_offline'))
    expect((await backup(token)).body.data).toMatchObject({ valid: true, action: 'login' })
    expect((await backup(token)).body.data.error).toBe('token_already_used')
  })

  it('the bypass worker issues offline_ only while the main API is down, globally or for the app', async () => {
    const ask = (appKey: string) => emu.post('/bypass/issue', { app_key: appKey, action: 'login' })
    const refused = await ask('demo_app')
    expect(refused.status).toBe(409)
    expect(refused.body).toMatchObject({ code: 1, data: { error: 'main_api_available' } })
    expect((await ask('test_offline')).body.data.token).toMatch(/^offline_/)
    for (const main of ['down', 'hang', 'error500']) {
      await emu.post('/__emulator/faults', { main })
      expect((await ask('demo_app')).body.data.token, main).toMatch(/^offline_/)
    }
    await emu.post('/__emulator/faults', { main: 'slow', latencyMs: 1 })
    expect((await ask('demo_app')).status).toBe(409)
  })

  it('answers a CORS preflight with an envelope, like every other answer', async () => {
    const preflight = await fetch(`${emu.url}/bypass/issue`, {
      method: 'OPTIONS',
      headers: { origin: 'http://site.test', 'access-control-request-method': 'POST' },
    })
    expect(preflight.status).toBe(200)
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*')
    expect(await preflight.json()).toEqual({ code: 0, msg: 'ok', data: {} })
  })

  it('answers a preflight it refuses (no Access-Control-Request-Method) with an envelope, CORS only where allowed', async () => {
    const preflight = (path: string, headers: Record<string, string>) =>
      fetch(emu.url + path, { method: 'OPTIONS', headers: { origin: 'http://site.test', ...headers } })
    const refused = await preflight('/bypass/issue', { 'content-type': 'application/json' })
    expect(refused.status).toBe(400)
    expect(refused.headers.get('x-captchala-emulator')).toBe('@captchala/emulator')
    expect(refused.headers.get('access-control-allow-origin')).toBe('*')
    expect(await refused.json()).toMatchObject({ code: 1, data: { error: 'invalid_preflight' } })
    // The secret-bearing API takes no cross-origin calls: no CORS headers, valid preflight or not.
    for (const headers of [{}, { 'access-control-request-method': 'POST' }] as Record<string, string>[]) {
      const res = await preflight('/v1/validate', headers)
      expect(res.status).toBe(404)
      expect(res.headers.get('access-control-allow-origin')).toBeNull()
      expect(await res.json()).toMatchObject({ code: 1, data: { error: 'not_found' } })
    }
  })

  it('test_offline drops the main API connection; test_client_only drops the backup too', async () => {
    await expect(sdkChallenge('test_offline')).rejects.toThrow()
    await expect(
      emu.post('/bypass/issue', { app_key: 'test_client_only', action: 'login' }),
    ).rejects.toThrow()
  })

  it('test_block refuses with risk_rejected; test_pass_challenge asks for a slide', async () => {
    expect((await sdkChallenge('test_block')).body).toMatchObject({
      code: 1,
      data: { error: 'risk_rejected' },
    })
    expect((await sdkChallenge('test_pass_challenge')).body.data).toMatchObject({
      tier: 'medium',
      slide: { target: expect.any(Number) },
    })
  })
})

describe('challenges (the SDK side)', () => {
  it('a solved proof of work gives a pass token that validates', async () => {
    const { data } = (await emu.post('/v1/sdk/challenge', { app_key: 'demo_app', action: 'signup' })).body
    const answer = await emu.post('/v1/sdk/answer', {
      challenge_id: data.challenge_id,
      nonce: solvePow(data.pow),
    })
    expect(answer.body.data).toMatchObject({
      token: expect.stringMatching(/^pt_/),
      ttl: 120,
      action: 'signup',
    })
    expect((await emu.validate(answer.body.data.token)).body.data).toMatchObject({
      valid: true,
      action: 'signup',
    })
  })

  it('a wrong answer is invalid_answer and spends the challenge', async () => {
    const { data } = (
      await emu.post('/v1/sdk/challenge', { app_key: 'test_pass_challenge', action: 'login' })
    ).body
    const wrong = await emu.post('/v1/sdk/answer', {
      challenge_id: data.challenge_id,
      position: data.slide.target + 50,
    })
    expect(wrong.body.data.error).toBe('invalid_answer')
    const again = await emu.post('/v1/sdk/answer', {
      challenge_id: data.challenge_id,
      position: data.slide.target,
    })
    expect(again.body.data.error).toBe('challenge_not_found')
  })

  it('a challenge answered too late is challenge_expired', async () => {
    const { data } = (
      await emu.post('/v1/sdk/challenge', { app_key: 'test_pass_challenge', action: 'login' })
    ).body
    await emu.advance(120_000)
    const late = await emu.post('/v1/sdk/answer', {
      challenge_id: data.challenge_id,
      position: data.slide.target,
    })
    expect(late.body.data.error).toBe('challenge_expired')
  })
})

describe('fault switches', () => {
  it('a fault for one route, used up after `times`; the rest of its group untouched', async () => {
    await emu.faults({ routes: [{ route: '/v1/validate', fault: 'hang', times: 1 }] })
    const token = await emu.mint()
    const hung = fetch(`${emu.url}/v1/validate`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...emu.creds() },
      body: JSON.stringify({ pass_token: token }),
      signal: AbortSignal.timeout(300),
    })
    await expect(hung).rejects.toThrow()
    // the issue route of the same group answers meanwhile, and the rule is used up
    expect((await emu.post('/v1/server/challenge/issue', { action: 'login' }, emu.creds())).status).toBe(200)
    expect((await emu.post('/__emulator/faults', {})).body.data.routes).toEqual([])
    expect((await emu.validate(token)).body.data.valid).toBe(true)
  })

  it('lose and bad-gateway: the route does its work (the token is spent), the caller never hears', async () => {
    for (const fault of ['lose', 'bad-gateway']) {
      await emu.faults({ routes: [{ route: '/v1/validate', fault, times: 1 }] })
      const token = await emu.mint()
      const first = fetch(`${emu.url}/v1/validate`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...emu.creds() },
        body: JSON.stringify({ pass_token: token }),
      })
      if (fault === 'lose') await expect(first).rejects.toThrow()
      else
        expect(await first.then(async (res) => [res.status, await res.text()])).toEqual([
          502,
          expect.stringContaining('502'),
        ])
      expect((await emu.validate(token)).body.data.error, fault).toBe('token_already_used')
    }
  })

  it('rules compose with the switches: one route kept up while its group is down', async () => {
    await emu.faults({ main: 'down', routes: [{ route: '/v1/validate', fault: 'up' }] })
    expect((await emu.validate(await emu.mint())).body.data.valid).toBe(true)
    await expect(emu.post('/v1/server/challenge/issue', { action: 'login' }, emu.creds())).rejects.toThrow()
    expect((await emu.post('/__emulator/reset', {})).status).toBe(200)
    expect((await emu.post('/__emulator/faults', {})).body.data).toMatchObject({ main: 'up', routes: [] })
  })

  it('refuses a rule it does not know, with the envelope', async () => {
    const refused = await emu.faults({ routes: [{ route: '/v1/validate', fault: 'explode' }] })
    expect(refused).toMatchObject({ status: 400, body: { code: 1, data: { error: 'invalid_request' } } })
    const noSlash = await emu.faults({ routes: [{ route: 'v1/validate', fault: 'hang' }] })
    expect(noSlash.status).toBe(400)
  })

  const validateStatus = async () => {
    const res = await fetch(`${emu.url}/v1/validate`, { method: 'POST', headers: emu.creds(), body: '{}' })
    return { status: res.status, type: res.headers.get('content-type') }
  }

  it('error400, error500 and html answer as a refusing or broken upstream would; down drops the connection', async () => {
    await emu.faults({ main: 'error400' })
    const refused = await fetch(`${emu.url}/v1/validate`, {
      method: 'POST',
      headers: emu.creds(),
      body: '{}',
    })
    expect(refused.status).toBe(400)
    expect(refused.headers.get('x-captchala-emulator')).toBe('@captchala/emulator')
    expect(await refused.json()).toMatchObject({ code: 1, data: { error: 'invalid_request' } })
    await emu.faults({ main: 'error500' })
    expect((await validateStatus()).status).toBe(500)
    await emu.faults({ main: 'html' })
    expect(await validateStatus()).toMatchObject({ status: 500, type: expect.stringContaining('text/html') })
    await emu.faults({ main: 'text200' })
    expect(await validateStatus()).toMatchObject({ status: 200, type: expect.stringContaining('text/plain') })
    await emu.faults({ main: 'down' })
    await expect(validateStatus()).rejects.toThrow()
    // the backup and the control plane are untouched
    expect((await emu.post('/api/validate', { pass_token: 'pt_x' }, emu.creds())).status).toBe(200)
  })

  it('hang never answers (the caller times out)', async () => {
    await emu.faults({ backup: 'hang' })
    const res = fetch(`${emu.url}/api/validate`, { method: 'POST', signal: AbortSignal.timeout(300) })
    await expect(res).rejects.toThrow()
  })

  it('scripts can fail, and reset puts everything back', async () => {
    await emu.faults({ scripts: 'error500' })
    expect((await fetch(`${emu.url}/captchala.js`)).status).toBe(500)
    await emu.post('/__emulator/reset', {})
    expect((await fetch(`${emu.url}/captchala.js`)).status).toBe(200)
    expect((await emu.post('/__emulator/faults', { main: 'sideways' })).status).toBe(400)
  })
})

describe('bad input', () => {
  it('answers 4xx envelopes for malformed JSON, unknown routes, wrong types, huge bodies and odd media types', async () => {
    const raw = async (path: string, init: RequestInit) => {
      const res = await fetch(emu.url + path, { method: 'POST', ...init })
      return { status: res.status, body: await res.json() }
    }
    const json = { 'content-type': 'application/json', ...emu.creds() }
    expect(await raw('/v1/validate', { headers: json, body: '{"pass_token":' })).toMatchObject({
      status: 400,
      body: { code: 1 },
    })
    expect(await raw('/v1/validate', { headers: json, body: '[1,2]' })).toMatchObject({ status: 400 })
    expect(
      await raw('/v1/validate', { headers: json, body: `{"pass_token":"${'x'.repeat(70_000)}"}` }),
    ).toMatchObject({
      status: 413,
      body: { data: { error: 'payload_too_large' } },
    })
    expect(
      await raw('/v1/validate', { headers: { ...emu.creds(), 'content-type': 'text/xml' }, body: '<a/>' }),
    ).toMatchObject({
      status: 415,
    })
    expect(await raw('/v1/nothing', { headers: json, body: '{}' })).toMatchObject({
      status: 404,
      body: { data: { error: 'not_found' } },
    })
    expect(
      await raw('/v1/server/challenge/issue', { headers: json, body: '{"action":"login","ttl":"soon"}' }),
    ).toMatchObject({
      status: 400,
      body: { data: { error: 'invalid_request' } },
    })
  })

  it('serves no secret in any browser script', async () => {
    for (const path of ['/captchala.js', '/captchala-loader.js', '/captchala.css']) {
      const text = await (await fetch(emu.url + path)).text()
      expect(text).not.toMatch(/demo_secret|test_secret/)
    }
  })

  it('turns the control plane off with controlPlane: false', async () => {
    const closed = await emulator({ controlPlane: false })
    expect((await closed.post('/__emulator/reset', {})).status).toBe(404)
    await closed.close()
  })
})
