import { describe, expect, it } from 'vitest'
import { neverSent } from './retryRule'

const fetchFailed = (cause: unknown) => Object.assign(new TypeError('fetch failed'), { cause })
const systemError = (code: string) => Object.assign(new Error(code), { code })

describe('neverSent: the one failure after which a consuming call may be sent again', () => {
  it('knows a refused connection, a name that did not resolve, an unreachable host, a connect timeout', async () => {
    for (const code of [
      'ECONNREFUSED',
      'ENOTFOUND',
      'EAI_AGAIN',
      'EHOSTUNREACH',
      'ENETUNREACH',
      'UND_ERR_CONNECT_TIMEOUT',
    ]) {
      expect(neverSent(fetchFailed(systemError(code))), code).toBe(true)
    }
    // Node's fetch, for real, against a port where nothing listens
    const server = await import('node:net').then(({ createServer }) => createServer())
    const port = await new Promise<number>((resolve) =>
      server.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port)),
    )
    await new Promise((resolve) => server.close(resolve))
    const refused = await fetch(`http://127.0.0.1:${port}/`, { method: 'POST' }).catch(
      (error: unknown) => error,
    )
    expect(neverSent(refused)).toBe(true)
  })

  it('knows every address of a host refused (an AggregateError, happy eyeballs)', () => {
    const all = new AggregateError([systemError('ECONNREFUSED'), systemError('ECONNREFUSED')])
    expect(neverSent(fetchFailed(all))).toBe(true)
    const some = new AggregateError([systemError('ECONNREFUSED'), systemError('ECONNRESET')])
    expect(neverSent(fetchFailed(some))).toBe(false)
  })

  it('takes anything else for a request that may have arrived: a reset, a close, the deadline, no code', () => {
    expect(neverSent(fetchFailed(systemError('ECONNRESET')))).toBe(false)
    expect(neverSent(fetchFailed(systemError('UND_ERR_SOCKET')))).toBe(false)
    expect(neverSent(new DOMException('The operation was aborted', 'TimeoutError'))).toBe(false)
    expect(neverSent(new TypeError('fetch failed'))).toBe(false)
    expect(neverSent('ECONNREFUSED')).toBe(false)
    expect(neverSent(null)).toBe(false)
    // a cause that refers to itself is not followed for ever
    const loop: { cause?: unknown } = {}
    loop.cause = loop
    expect(neverSent(loop)).toBe(false)
  })
})
