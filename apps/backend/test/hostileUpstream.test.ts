// The reference backend in front of a CaptchaLa that redirects, floods, bombs, drips or lies: every login is
// refused (403 or 503 with a JSON body, never 200), nothing leaves for the origin a redirect names, and the
// backend stays up and answers the next request.
import {
  type HostileUpstream,
  LIES,
  PROTO_LIES,
  startHostileUpstream,
} from '@captchala/kit-testing/hostile-upstream'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { createBackend, readConfig } from '../src/index'

let upstream: HostileUpstream
beforeAll(async () => {
  upstream = await startHostileUpstream()
}, 60_000)
afterAll(() => upstream.close())

const HOSTILE_ANSWERS = [
  'redirect-307-elsewhere',
  'redirect-302-home',
  'redirect-301-secure',
  'flood',
  'gzip-bomb',
  'br-bomb',
  'drip',
  'html',
  ...Object.keys(LIES),
  ...Object.keys(PROTO_LIES),
]

async function backendBehind(answer: string) {
  const records: Record<string, unknown>[] = []
  const app = await createBackend(readConfig({ CAPTCHALA_BASE_URL: upstream.baseUrl(answer), PORT: '0' }), {
    logger: { level: 'info', stream: { write: (line: string) => records.push(JSON.parse(line)) } },
  })
  await app.listen({ port: 0, host: '127.0.0.1' })
  const address = app.server.address()
  const origin = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`
  return { app, origin, records }
}

const login = (origin: string) =>
  fetch(`${origin}/api/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'a@b.c', captchala_token: 'pt_from_a_visitor' }),
  })

it.each(HOSTILE_ANSWERS)(
  '%s: the login is refused with a JSON body, and the backend stays up',
  async (answer) => {
    const { app, origin, records } = await backendBehind(answer)
    try {
      const refused = await login(origin)
      expect([403, 503]).toContain(refused.status)
      expect(await refused.json()).toMatchObject({ ok: false, error: expect.any(String) })
      const health = await fetch(`${origin}/api/health`)
      expect(health.status).toBe(200)
      const record = records.find((line) => line.call === 'validate')
      expect(record).toMatchObject({ result: expect.stringMatching(/^(refused|unavailable)$/) })
      if (answer.startsWith('redirect-')) expect(record).toMatchObject({ code: 'upstream_redirected' })
    } finally {
      await app.close()
    }
    expect(upstream.seen.filter((request) => request.origin === 'elsewhere')).toEqual([])
  },
)

it('the same backend behind an upstream that answers as CaptchaLa does: the login passes', async () => {
  const { app, origin } = await backendBehind('valid')
  try {
    expect((await login(origin)).status).toBe(200)
  } finally {
    await app.close()
  }
})
