// The server SDK as the Edge runtime runs it (edgeBundle.ts), against the emulator.

import { startEmulator } from '@captchala/emulator'
import { emulatorControl } from '@captchala/kit-testing/emulator-control'
import { EdgeVM } from '@edge-runtime/vm'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { edgeBundle } from './edgeBundle'

let emu: Awaited<ReturnType<typeof startEmulator>>
let bundle: string
const { mint } = emulatorControl(() => emu.url)

beforeAll(async () => {
  emu = await startEmulator({ port: 0 })
  bundle = await edgeBundle()
}, 120_000)
afterAll(() => emu.close())

it('resolves to the fetch entry: no Node module in the Edge bundle', () => {
  expect(bundle).not.toMatch(/node:http|node:https|require\(/)
})

it('validates and verifies a Request inside the Edge runtime sandbox, against the emulator', async () => {
  const vm = new EdgeVM()
  vm.evaluate(bundle)
  const token = await mint()
  const run = (code: string) => vm.evaluate(`(async () => { ${code} })()`) as Promise<unknown>
  const client = `CaptchalaServer.createClient({ appKey: 'demo_app', appSecret: 'demo_secret', baseUrl: ${JSON.stringify(emu.url)}, backupUrl: ${JSON.stringify(`${emu.url}/api/validate`)} })`
  expect(
    await run(`
      const client = ${client}
      const kept = await client.validate(${JSON.stringify(token)}, { expectedAction: 'login', keepToken: true })
      const request = new Request('https://site.example/api/login', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ captchala_token: ${JSON.stringify(token)} }),
      })
      const verified = await CaptchalaServer.verify(client, request, { expectedAction: 'login' })
      const replayed = await client.validate(${JSON.stringify(token)}, { expectedAction: 'login' })
      // Accepting client-only tokens makes the client ask whether CaptchaLa is out (a deadline of its own:
      // the sandbox has no AbortSignal.any); it is not, so the forged token is refused.
      const lenient = CaptchalaServer.createClient({ appKey: 'demo_app', appSecret: 'demo_secret', baseUrl: ${JSON.stringify(emu.url)}, backupUrl: ${JSON.stringify(`${emu.url}/api/validate`)}, policy: { clientOnly: true } })
      const forged = await lenient.validate('client_forged', { expectedAction: 'login' })
      return JSON.parse(JSON.stringify({ kept, verified, replayed, forged, body: await request.json() }))
    `),
  ).toMatchObject({
    kept: { valid: true, action: 'login', requestId: expect.any(String) },
    verified: { valid: true, tokenId: expect.any(String) },
    replayed: { valid: false, error: 'token_already_used', category: 'token' },
    forged: { valid: false, verified: true, error: 'outage_not_seen', category: 'policy' },
    body: { captchala_token: token },
  })
})
