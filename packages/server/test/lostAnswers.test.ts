import { startEmulator } from '@captchala/emulator'
import { emulatorControl } from '@captchala/kit-testing/emulator-control'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createClient as createFetchClient, statusFor } from '../src/index'
import { createClient as createNodeClient } from '../src/node'
import { type Loss, startLossyProxy } from './lossyProxy'

// A validation consumes the token. When CaptchaLa did its work but its answer never came back, a retry could
// only be told token_already_used, and a genuine visitor would be refused as a replayer: the SDK must say the
// answer was lost (503, verify again) and never send the token twice. The token stays spent: no double
// acceptance either.

let emu: Awaited<ReturnType<typeof startEmulator>>
let proxy: Awaited<ReturnType<typeof startLossyProxy>>
const { post: control, faults, mint, reset } = emulatorControl(() => emu.url)

beforeAll(async () => {
  emu = await startEmulator({ port: 0 })
  proxy = await startLossyProxy(emu.url)
})
afterAll(async () => {
  await proxy.close()
  await emu.close()
})
beforeEach(() => reset())

// Both entry points: the runtime's fetch, and the Node transport (undici's pool).
const ENTRIES = [
  ['fetch', createFetchClient],
  ['the Node transport', createNodeClient],
] as const

describe.each(ENTRIES)('through %s', (_, createClient) => {
  const clientThroughProxy = () =>
    createClient({
      appKey: 'demo_app',
      appSecret: 'demo_secret',
      baseUrl: proxy.url,
      backupUrl: `${proxy.url}/api/validate`,
      retries: 2,
    })

  describe.each<Loss>(['drop', 'bad-gateway'])(
    'an answer lost after CaptchaLa consumed the token (%s)',
    (loss) => {
      it('pt_ at the main API: answer_lost (503), sent once; sent again, the token is spent', async () => {
        const client = clientThroughProxy()
        proxy.lose(loss)
        for (let round = 0; round < 5; round++) {
          const token = await mint()
          const first = await client.validate(token, { expectedAction: 'login' })
          expect(first).toMatchObject({ valid: false, verified: false, error: 'answer_lost' })
          expect(statusFor(first)).toBe(503)
          expect(proxy.forwardedFor(token)).toBe(1)
          const again = await client.validate(token, { expectedAction: 'login' })
          expect(again).toMatchObject({ valid: false, verified: true, error: 'token_already_used' })
        }
        client.close()
      })

      it('offline_ at the backup, during an outage of the main API: the same', async () => {
        const client = clientThroughProxy()
        proxy.lose(loss)
        await faults({ main: 'down' })
        for (let round = 0; round < 3; round++) {
          const { token } = (await control('/bypass/issue', { app_key: 'demo_app', action: 'login' })).data
          const first = await client.validate(token, { expectedAction: 'login' })
          expect(first).toMatchObject({ valid: false, verified: false, error: 'answer_lost', offline: true })
          expect(statusFor(first)).toBe(503)
          expect(proxy.forwardedFor(token!, '/api/validate')).toBe(1)
          const again = await client.validate(token, { expectedAction: 'login' })
          expect(again).toMatchObject({ valid: false, error: 'token_already_used' })
        }
        client.close()
      })
    },
  )

  it('with nothing lost, the same client accepts each token once', async () => {
    const client = clientThroughProxy()
    proxy.lose('none')
    const token = await mint()
    expect(await client.validate(token, { expectedAction: 'login' })).toMatchObject({ valid: true })
    expect(await client.validate(token, { expectedAction: 'login' })).toMatchObject({
      error: 'token_already_used',
    })
    client.close()
  })
})
