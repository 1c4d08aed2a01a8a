// What each runtime runs: a pass verified from a Request, the same token refused when sent again, and the
// runtime's own fetch counted, to show which transport the package chose there.
import { createClient, verify } from '@captchala/server'

export async function check(emulatorUrl) {
  const runtimeFetch = globalThis.fetch
  let validationsThroughFetch = 0
  globalThis.fetch = (input, init) => {
    if (String(input).endsWith('/v1/validate')) validationsThroughFetch++
    return runtimeFetch(input, init)
  }
  const minted = await runtimeFetch(`${emulatorUrl}/__emulator/tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ appKey: 'demo_app', action: 'login' }),
  })
  const token = (await minted.json()).data.token
  const client = createClient({
    appKey: 'demo_app',
    appSecret: 'demo_secret',
    baseUrl: emulatorUrl,
    backupUrl: `${emulatorUrl}/api/validate`,
  })
  const request = new Request('https://site.example/api/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'a@b.c', captchala_token: token }),
  })
  const verified = await verify(client, request, { expectedAction: 'login' })
  const replayed = await client.validate(token, { expectedAction: 'login' })
  const body = await request.json()
  client.close()
  globalThis.fetch = runtimeFetch
  return {
    verified: { valid: verified.valid, action: verified.action, tokenId: verified.tokenId },
    replayed: { valid: replayed.valid, error: replayed.error, category: replayed.category },
    bodyStillThere: body.email === 'a@b.c',
    validationsThroughFetch,
  }
}
