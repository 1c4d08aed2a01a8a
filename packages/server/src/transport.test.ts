import { describe, expect, it } from 'vitest'
import { createClient } from './index'

const VERDICT = '{"code":0,"data":{"valid":true,"action":"login"}}'

// What a `fetch` answers when it does not hand a redirect back as a 3xx: a browser's opaque answer to
// `redirect: 'manual'`, or a wrapper that followed the redirect despite it.
const answers = {
  'an opaque redirect (a browser)': () =>
    Object.defineProperties(new Response(null, { status: 200 }), {
      type: { value: 'opaqueredirect' },
      status: { value: 0 },
    }),
  'a redirect followed anyway (a wrapper)': () =>
    Object.defineProperties(new Response(VERDICT, { status: 200 }), {
      redirected: { value: true },
      url: { value: 'https://elsewhere.example/v1/validate?pass_token=x' },
    }),
}

describe.each(Object.entries(answers))('a fetch that answers with %s', (_, answer) => {
  it('is a redirect: nothing believed, the origin recorded when known, no breaker opened', async () => {
    const asked: string[] = []
    const client = createClient({
      appKey: 'k',
      appSecret: 's',
      baseUrl: 'https://api.example',
      breakerFailures: 1,
      probeInBackground: false,
      fetch: async (url, init) => {
        asked.push(`${String(url)} ${init?.redirect}`)
        return answer()
      },
    })
    const result = await client.validate('pt_x', { expectedAction: 'login' })
    expect(result).toMatchObject({ valid: false, error: 'upstream_redirected', category: 'config' })
    expect(asked).toEqual(['https://api.example/v1/validate manual'])
    expect(client.health().main.state).toBe('closed')
    client.close()
  })
})
