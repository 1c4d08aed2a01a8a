import { subscribe, unsubscribe } from 'node:diagnostics_channel'
import { describe, expect, it, vi } from 'vitest'
import {
  type CaptchalaRecord,
  createClient,
  RECORD_CHANNEL,
  recordsToConsole,
  recordsToLogger,
  statusFor,
} from './index'

const SECRET = 'sk_live_do_not_leak'
const TOKEN = 'pt_abcdefghijklmnopqrstuvwxyz0123456789'

const answering = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  vi.fn(
    async () =>
      new Response(typeof body === 'string' ? body : JSON.stringify(body), {
        status,
        headers: { 'content-type': 'application/json', ...headers },
      }),
  )
const passing = () =>
  answering({ code: 0, data: { valid: true, action: 'login', captcha_args: { platform: 'web' } } })
const refusing = (error: string, status = 200, headers: Record<string, string> = {}) =>
  answering({ code: 1, msg: error, data: { error } }, status, headers)

function recorded(fetch: typeof globalThis.fetch, appKey = 'app_live_1', extra = {}) {
  const records: CaptchalaRecord[] = []
  const client = createClient({
    appKey,
    appSecret: SECRET,
    fetch,
    retries: 0,
    environment: 'staging',
    onRecord: (record) => records.push(record),
    ...extra,
  })
  return { client, records }
}

describe('records', () => {
  it('one per validation, with the stages of the reference article and the id the browser names', async () => {
    const { client, records } = recorded(passing())
    const result = await client.validate(TOKEN, { expectedAction: 'login', requestId: 'req-7' })
    expect(result).toMatchObject({ valid: true, category: null, fix: null, requestId: 'req-7' })
    expect(records).toHaveLength(1)
    expect(records[0]).toMatchObject({
      call: 'validate',
      requestId: 'req-7',
      environment: 'staging',
      appKey: 'app_live_1',
      answeredBy: 'captchala',
      expectedAction: 'login',
      action: 'login',
      token: { id: result.tokenId, prefix: 'pt_', length: TOKEN.length, type: 'pass' },
      upstream: 'main',
      upstreamStatus: 200,
      attempts: 1,
      breakers: { main: 'closed', backup: 'closed' },
      result: 'ok',
      code: null,
      category: null,
      platform: 'web',
    })
    expect(Date.parse(records[0]!.timestamp)).not.toBeNaN()
    expect(records[0]!.latencyMs).toBeGreaterThanOrEqual(0)
  })

  it('never holds the secret, the token or the visitor IP (unless asked)', async () => {
    const { client, records } = recorded(refusing('token_already_used'))
    await client.validate(TOKEN, { clientIp: '203.0.113.9' })
    const text = JSON.stringify(records)
    expect(text).not.toContain(SECRET)
    expect(text).not.toContain(TOKEN.slice(3))
    expect(text).not.toContain('203.0.113.9')
    const asked = recorded(refusing('token_already_used'), 'app_live_1', { recordClientIp: true })
    await asked.client.validate(TOKEN, { clientIp: '203.0.113.9' })
    expect(asked.records[0]?.clientIp).toBe('203.0.113.9')
  })

  it('makes a request id when none is given, the same in the result and the record', async () => {
    const { client, records } = recorded(passing())
    const result = await client.validate(TOKEN)
    expect(result.requestId).toMatch(/^[0-9a-f-]{36}$/)
    expect(records[0]?.requestId).toBe(result.requestId)
  })

  it('a refusal says its category and fix, and whether to answer 403 or 503', async () => {
    const { client, records } = recorded(refusing('token_already_used'))
    const used = await client.validate(TOKEN)
    expect(used).toMatchObject({ error: 'token_already_used', category: 'token' })
    expect(used.fix).toMatch(/verify again/)
    expect(records[0]).toMatchObject({ result: 'refused', code: 'token_already_used', category: 'token' })
    const down = recorded(vi.fn(async () => Promise.reject(new TypeError('fetch failed'))))
    const unreachable = await down.client.validate(TOKEN)
    expect(unreachable).toMatchObject({ error: 'answer_lost', category: 'upstream' })
    expect(down.records[0]).toMatchObject({ result: 'unavailable', upstream: null, answeredBy: null })
  })

  it('a request CaptchaLa refuses with a 4xx is `request_rejected` (category request, 503), with or without an envelope', async () => {
    for (const fetch of [answering('<h1>Bad Request</h1>', 400), refusing('invalid_request', 400)]) {
      const { client } = recorded(fetch)
      const result = await client.validate(TOKEN)
      expect(result).toMatchObject({ valid: false, error: 'request_rejected', category: 'request' })
      expect(statusFor(result)).toBe(503)
    }
  })

  it('one record per issue and moderation call, never the server token', async () => {
    const { client, records } = recorded(
      answering({ code: 0, data: { server_token: 'sct_secretish', expires_in: 300 } }),
    )
    const issued = await client.issueServerToken({ action: 'login', requestId: 'r1' })
    expect(issued).toMatchObject({ ok: true, requestId: 'r1', category: null })
    const moderation = recorded(answering({ code: 0, data: { flagged: false } }))
    await moderation.client.moderateText('hello')
    await moderation.client.moderate([])
    expect(records.map((r) => [r.call, r.result, r.expectedAction])).toEqual([['issue', 'ok', 'login']])
    expect(JSON.stringify(records)).not.toContain('sct_secretish')
    expect(moderation.records.map((r) => [r.call, r.code, r.category])).toEqual([
      ['moderate_text', null, null],
      ['moderate', 'empty_input', 'request'],
    ])
  })

  it('a call`s own onRecord hears it too, and a listener that throws changes no verdict', async () => {
    const { client, records } = recorded(passing(), 'app_live_1', {
      onRecord: () => {
        throw new Error('logger down')
      },
    })
    const own: CaptchalaRecord[] = []
    const result = await client.validate(TOKEN, { onRecord: (record) => own.push(record) })
    expect(result.valid).toBe(true)
    expect(records).toHaveLength(0)
    expect(own).toHaveLength(1)
  })

  it('is published on the diagnostics channel captchala:record, with or without onRecord', async () => {
    const heard: unknown[] = []
    const listener = (message: unknown) => heard.push(message)
    subscribe(RECORD_CHANNEL, listener)
    try {
      const client = createClient({ appKey: 'k', appSecret: SECRET, fetch: passing() })
      const result = await client.validate(TOKEN)
      expect(heard).toEqual([expect.objectContaining({ call: 'validate', requestId: result.requestId })])
    } finally {
      unsubscribe(RECORD_CHANNEL, listener)
    }
  })
})

describe('a key and secret that are not a pair', () => {
  const EMULATOR_MARK = { 'x-captchala-emulator': '1' }

  it('an unknown key: check appKey; staging and production are different pairs', async () => {
    const { client, records } = recorded(refusing('invalid_app_key', 401))
    const result = await client.validate(TOKEN)
    expect(result).toMatchObject({ error: 'invalid_app_key', category: 'config' })
    expect(result.fix).toMatch(/does not know app key "app_live_1": check appKey.*Staging and production/)
    expect(records[0]?.fix).toBe(result.fix)
  })

  it('a secret of another app: check appSecret', async () => {
    const { client } = recorded(refusing('invalid_app_secret', 401))
    expect((await client.validate(TOKEN)).fix).toMatch(
      /knows app key "app_live_1" but not this secret: check appSecret/,
    )
  })

  it('the emulator`s keys sent to a service that is not the emulator', async () => {
    for (const key of ['demo_app', 'test_pass_invisible']) {
      const { client, records } = recorded(refusing('invalid_app_key', 401), key)
      const result = await client.validate(TOKEN)
      expect(result.fix).toMatch(
        /is the local emulator's, and https:\/\/apiv1\.captcha\.la\/v1\/validate is not the emulator/,
      )
      expect(records[0]?.answeredBy).toBe('captchala')
    }
  })

  it('another key sent to the emulator', async () => {
    const { client, records } = recorded(refusing('invalid_app_key', 401, EMULATOR_MARK))
    const result = await client.issueServerToken({ action: 'login' })
    expect(result).toMatchObject({ ok: false, error: 'invalid_app_key', category: 'config' })
    expect(result.fix).toMatch(/is the local CaptchaLa emulator, which knows only its own apps/)
    expect(records[0]?.answeredBy).toBe('emulator')
  })
})

describe('log adapters', () => {
  it('recordsToLogger: the record as the object of a pino-style line, info for a pass, warn else', async () => {
    const logger = { info: vi.fn(), warn: vi.fn() }
    const client = createClient({
      appKey: 'k',
      appSecret: SECRET,
      fetch: passing(),
      onRecord: recordsToLogger(logger),
    })
    await client.validate(TOKEN)
    await client.validate('')
    expect(logger.info).toHaveBeenCalledWith(expect.objectContaining({ result: 'ok' }), 'captchala')
    expect(logger.warn).toHaveBeenCalledWith(expect.objectContaining({ code: 'empty_token' }), 'captchala')
  })

  it('recordsToConsole: one JSON line each', async () => {
    const target = { info: vi.fn(), warn: vi.fn() }
    const client = createClient({
      appKey: 'k',
      appSecret: SECRET,
      fetch: passing(),
      onRecord: recordsToConsole(target),
    })
    await client.validate(TOKEN)
    const [line] = target.info.mock.calls[0]!
    expect(JSON.parse(line)).toMatchObject({ msg: 'captchala', call: 'validate', result: 'ok' })
  })
})
