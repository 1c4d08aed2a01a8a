import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

/** What the proxy does to the answer of the first validation of each token. */
export type Loss = 'drop' | 'bad-gateway' | 'none'

/**
 * A proxy in front of CaptchaLa that loses answers after CaptchaLa did its work: the first request for each
 * token at each path is forwarded, and its answer dropped (the connection closed without a byte) or replaced
 * by a gateway's 502. Later requests pass untouched. Counts what it forwarded, per token and path.
 */
export async function startLossyProxy(target: string) {
  let loss: Loss = 'none'
  const forwarded = new Map<string, number>()

  async function handle(request: IncomingMessage, response: ServerResponse) {
    const chunks: Buffer[] = []
    for await (const chunk of request) chunks.push(chunk as Buffer)
    const body = Buffer.concat(chunks)
    const key = `${request.url} ${tokenOf(body)}`
    const seen = forwarded.get(key) ?? 0
    forwarded.set(key, seen + 1)
    const answer = await fetch(target + request.url, {
      method: request.method,
      headers: request.headers as Record<string, string>,
      body: request.method === 'GET' ? undefined : body,
    })
    const text = await answer.text()
    // CaptchaLa has answered (and consumed the token): what the caller gets is up to the loss.
    if (seen === 0 && loss === 'drop') return request.socket.destroy()
    if (seen === 0 && loss === 'bad-gateway') {
      return response.writeHead(502, { 'content-type': 'text/html' }).end('<h1>502 Bad Gateway</h1>')
    }
    response.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? '' }).end(text)
  }

  const server = createServer((request, response) => {
    handle(request, response).catch(() => response.destroy())
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    /** how many requests carrying `token` to `path` reached CaptchaLa through the proxy */
    forwardedFor: (token: string, path = '/v1/validate') => forwarded.get(`${path} ${token}`) ?? 0,
    lose(next: Loss) {
      loss = next
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

// The token a request is about (its JSON `pass_token`).
function tokenOf(body: Buffer): string {
  try {
    return String((JSON.parse(body.toString()) as { pass_token?: unknown }).pass_token)
  } catch {
    return ''
  }
}
