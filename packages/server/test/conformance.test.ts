import { EMULATOR_CONTROL } from '@captchala/contract'
import { startEmulator } from '@captchala/emulator'
import { emulatorControl } from '@captchala/kit-testing/emulator-control'
import { freePort } from '@captchala/kit-testing/processes'
import { afterAll, beforeAll, beforeEach, describe, expect, it, onTestFinished } from 'vitest'
import { createClientWith } from '../src/createClient'
import { createClient } from '../src/index'
import { nodeTransport } from '../src/nodeTransport'
import { fetchTransport, type Transport } from '../src/transport'
import { conformanceMatrix, type TokenSource } from './conformanceMatrix'

/** Both ways the client can send: every row must give the same answer and the same number of requests. */
const TRANSPORTS: [string, () => Transport][] = [
  ['fetch', () => fetchTransport(globalThis.fetch)],
  ['the Node transport (undici)', nodeTransport],
]

/** A transport that counts the requests it sends. */
const counted = (transport: Transport, count: () => void): Transport => ({
  ...transport,
  post: (...args) => {
    count()
    return transport.post(...args)
  },
})

let emu: Awaited<ReturnType<typeof startEmulator>>
const { post: control, advanceClock, faults, reset } = emulatorControl(() => emu.url)

async function tokenFrom(source: TokenSource): Promise<{ token: unknown; appKey: string }> {
  switch (source.kind) {
    case 'literal':
      return { token: source.token, appKey: source.appKey ?? 'demo_app' }
    case 'minted': {
      const appKey = source.appKey ?? 'demo_app'
      const { data } = await control(EMULATOR_CONTROL.tokens, {
        appKey,
        action: source.action ?? 'login',
        ttl: source.ttl,
      })
      return { token: data.token, appKey }
    }
    case 'degraded':
      return {
        token: (await control('/v1/sdk/challenge', { app_key: 'test_degraded', action: 'login' })).data.token,
        appKey: 'test_degraded',
      }
    case 'offline': {
      const appKey = source.appKey ?? 'test_offline'
      // demo_app's main API is up: the bypass worker issues only while it is switched down.
      if (appKey === 'demo_app') await faults({ main: 'down' })
      const { data } = await control('/bypass/issue', { app_key: appKey, action: 'login' })
      if (appKey === 'demo_app') await faults({ main: 'up' })
      return { token: data.token, appKey }
    }
  }
}

/** A loopback address where nothing listens: its connections are refused (port 9 would be fetch's "bad port"). */
let closedPort: string

beforeAll(async () => {
  emu = await startEmulator({ port: 0 })
  closedPort = `http://127.0.0.1:${await freePort()}`
})
afterAll(() => emu.close())
beforeEach(() => reset())

describe.each(TRANSPORTS)('the conformance matrix, against the emulator, through %s', (_, transport) => {
  for (const row of conformanceMatrix) {
    it(row.name, async () => {
      const { token, appKey } = await tokenFrom(row.token)
      let requests = 0
      const { unreachable, ...clientOptions } = row.client ?? {}
      const client = createClientWith(() => counted(transport(), () => requests++), {
        appKey,
        appSecret: appKey === 'demo_app' ? 'demo_secret' : 'test_secret',
        baseUrl: unreachable ? closedPort : emu.url,
        backupUrl: `${emu.url}/api/validate`,
        ...clientOptions,
      })
      onTestFinished(() => client.close())
      if (row.validateFirst) await client.validate(token, row.options)
      if (row.faults) await faults(row.faults)
      if (row.advanceMs) await advanceClock(row.advanceMs)
      requests = 0
      const result = await client.validate(token, row.options)
      expect(result).toMatchObject(row.expect)
      if (row.requests !== undefined) expect(requests).toBe(row.requests)
    })
  }
})

describe('issueServerToken', () => {
  const client = () => createClient({ appKey: 'demo_app', appSecret: 'demo_secret', baseUrl: emu.url })

  it('issues an sct_ that the emulator accepts from the bound IP', async () => {
    const issued = await client().issueServerToken({
      action: 'login',
      bindingIp: '127.0.0.1',
      ttl: 60,
      maxUses: 2,
      bindUid: 'u1',
    })
    expect(issued).toMatchObject({
      ok: true,
      error: null,
      serverToken: expect.stringMatching(/^sct_/),
      expiresIn: 60,
    })
    const challenge = await control('/v1/sdk/challenge', {
      app_key: 'demo_app',
      action: 'login',
      server_token: issued.serverToken,
    })
    expect(challenge.data.challenge_id).toMatch(/^ch_/)
  })

  it('answers typed failures', async () => {
    expect(await client().issueServerToken({ action: '' })).toMatchObject({
      ok: false,
      error: 'invalid_action',
    })
    const wrong = createClient({ appKey: 'demo_app', appSecret: 'nope', baseUrl: emu.url })
    expect(await wrong.issueServerToken({ action: 'login' })).toMatchObject({
      ok: false,
      error: 'invalid_app_secret',
    })
    const down = createClient({
      appKey: 'demo_app',
      appSecret: 'demo_secret',
      baseUrl: 'http://127.0.0.1:9',
      retries: 0,
    })
    expect(await down.issueServerToken({ action: 'login' })).toMatchObject({
      ok: false,
      error: 'request_failed',
    })
  })
})

describe('moderation, against the emulator', () => {
  const client = (options: Partial<Parameters<typeof createClient>[0]> = {}) => {
    let requests = 0
    const made = createClient({
      appKey: 'demo_app',
      appSecret: 'demo_secret',
      baseUrl: emu.url,
      retries: 0,
      fetch: (input, init) => {
        requests++
        return fetch(input, init)
      },
      ...options,
    })
    return Object.assign(made, { requests: () => requests })
  }

  it('moderateText: a clean text passes; a test word flags its category', async () => {
    const c = client()
    expect(await c.moderateText('Lovely write-up', { userId: 'u1' })).toMatchObject({
      ok: true,
      flagged: false,
      contentType: 'text',
      error: null,
    })
    const flagged = await c.moderateText('test_flag_hate')
    expect(flagged).toMatchObject({ ok: true, flagged: true, categories: { hate: true, spam: false } })
  })

  it('moderate: texts and images, and the content type of the mix', async () => {
    const result = await client().moderate([
      { type: 'text', text: 'hello' },
      { type: 'image_url', image_url: { url: 'https://cdn.example/test_flag_violence.png' } },
    ])
    expect(result).toMatchObject({
      ok: true,
      flagged: true,
      contentType: 'mixed',
      categories: { violence: true },
    })
  })

  it('an empty text or input is refused without a request', async () => {
    const c = client()
    expect(await c.moderateText('   ')).toMatchObject({ ok: false, error: 'empty_text' })
    expect(await c.moderateText(undefined)).toMatchObject({ ok: false, error: 'empty_text' })
    expect(await c.moderate([])).toMatchObject({ ok: false, error: 'empty_input' })
    expect(c.requests()).toBe(0)
  })

  it('a wrong secret and an unreachable service are typed failures, never a throw', async () => {
    expect(await client({ appSecret: 'nope' }).moderateText('hi')).toMatchObject({
      ok: false,
      error: 'invalid_app_secret',
    })
    await faults({ main: 'html' })
    expect(await client().moderateText('hi')).toMatchObject({ ok: false, error: 'request_failed' })
  })
})
