// A CaptchaLa that lies, redirects or floods: a plain node:http server whose every path starts with the way
// it answers (`/<answer>/v1/validate`), so that each client picks one by its baseUrl and cases never share
// state. A second server, another origin, stands for wherever a redirect points: it accepts everything, and
// any request it gets is a secret that left home.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { promisify } from 'node:util'
import { brotliCompress, constants, createGzip } from 'node:zlib'

/** A valid token's verdict, as CaptchaLa answers it. */
export const VALID = JSON.stringify({ code: 0, msg: 'ok', data: { valid: true, action: 'login' } })
const FLOOD_BYTES = 64 * 1024 * 1024
const BOMB_BYTES = 256 * 1024 * 1024
const CHUNK = Buffer.alloc(64 * 1024, ' ')
/** The dripping body: a byte this often, for this long, then CaptchaLa's verdict. */
const DRIP_EVERY_MS = 100
const DRIP_FOR_MS = 30_000

/** Wrongly typed or shaped verdicts, each answered with 200 as CaptchaLa answers a verdict. */
export const LIES = {
  'valid-as-string': { code: 0, data: { valid: 'true', action: 'login' } },
  'valid-as-number': { code: 0, data: { valid: 1, action: 'login' } },
  'code-as-string': { code: '0', data: { valid: true, action: 'login' } },
  'no-action': { code: 0, data: { valid: true } },
  'another-action': { code: 0, data: { valid: true, action: 'pay' } },
} as const
/** Written as text: `JSON.stringify` of an object literal would not keep an own `__proto__` key. */
export const PROTO_LIES = {
  'proto-in-data': '{"code":0,"data":{"__proto__":{"valid":true,"action":"login"}}}',
  'proto-in-envelope': '{"__proto__":{"code":0,"data":{"valid":true,"action":"login"}}}',
} as const

export const REDIRECT_STATUSES = [301, 302, 303, 307, 308] as const

export interface SeenRequest {
  /** `home`: the configured origin; `elsewhere`: the origin a redirect named */
  origin: 'home' | 'elsewhere'
  path: string
  secret: string | undefined
}

export interface HostileUpstream {
  /**
   * the configured origin, answering as `answer` says (a path segment): `valid`, a key of `LIES` or
   * `PROTO_LIES`, `html`, `flood`, `flood-with-length`, `gzip-bomb`, `br-bomb`, `drip`, `drip-with-length`,
   * `unavailable` (503), `error-500-endless`, or `redirect-<status>-<elsewhere|home|secure|nowhere>` (its body
   * a verdict that would pass)
   */
  baseUrl(answer: string): string
  /** the origin a redirect to `elsewhere` names */
  elsewhere: string
  seen: SeenRequest[]
  close(): Promise<void>
}

/** Compressed once a process, when first asked for: a verdict and `BOMB_BYTES` of spaces, valid JSON inflated. */
let bombsMade: ReturnType<typeof makeBombs> | undefined
const bombs = () => {
  bombsMade ??= makeBombs()
  return bombsMade
}

async function makeBombs() {
  const gzip = createGzip({ level: 9 })
  const parts: Buffer[] = []
  gzip.on('data', (part: Buffer) => parts.push(part))
  const ended = new Promise((resolve) => gzip.on('end', resolve))
  gzip.write(VALID)
  for (let written = 0; written < BOMB_BYTES; written += CHUNK.length) {
    if (!gzip.write(CHUNK)) await new Promise((resolve) => gzip.once('drain', resolve))
  }
  gzip.end()
  await ended
  // Brotli of the same, in one call: its window makes a run of spaces cost almost nothing.
  const brotli = await promisify(brotliCompress)(
    Buffer.concat([Buffer.from(VALID), Buffer.alloc(BOMB_BYTES / 4, ' ')]),
    { params: { [constants.BROTLI_PARAM_QUALITY]: 5 } },
  )
  return { gzip: Buffer.concat(parts), br: brotli }
}

const listen = async (server: Server) => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`
}

// Writes `total` bytes of `piece`, as fast as the client reads them, until it stops reading.
async function pour(response: ServerResponse, piece: Buffer, total: number) {
  let wake = () => {}
  const wakeUp = () => wake()
  response.on('drain', wakeUp).on('close', wakeUp)
  for (let written = 0; written < total && !response.destroyed; written += piece.length) {
    if (!response.write(piece)) await new Promise<void>((resolve) => (wake = resolve))
  }
  response.off('drain', wakeUp).off('close', wakeUp)
}

export async function startHostileUpstream(): Promise<HostileUpstream> {
  const seen: SeenRequest[] = []
  const record = (origin: SeenRequest['origin'], request: IncomingMessage) => {
    const secret = request.headers['x-app-secret']
    seen.push({ origin, path: request.url ?? '', secret: typeof secret === 'string' ? secret : undefined })
  }

  const elsewhereServer = createServer((request, response) => {
    record('elsewhere', request)
    request.resume()
    response.writeHead(200, { 'content-type': 'application/json' }).end(VALID)
  })
  const elsewhere = await listen(elsewhereServer)

  async function answer(request: IncomingMessage, response: ServerResponse) {
    const [, kind = ''] = (request.url ?? '').split('/')
    const json = { 'content-type': 'application/json' }
    const redirect = /^redirect-(\d{3})-(elsewhere|home|secure|nowhere)$/.exec(kind)
    if (redirect) {
      const [, status, to] = redirect
      const locations: Record<string, string | undefined> = {
        elsewhere: `${elsewhere}/v1/validate?pass_token=leaked#secret`,
        home: '/valid/v1/validate?moved=1',
        // http:// to https:// on the same host, as a site that moved to TLS answers
        secure: `https://${request.headers.host}/v1/validate`,
      }
      const location = locations[to!]
      // With a verdict that would pass in its body: nothing a redirect carries may be believed.
      const headers = { ...json, ...(location ? { location } : {}) }
      response.writeHead(Number(status), headers).end(VALID)
      return
    }
    if (kind === 'valid') return response.writeHead(200, json).end(VALID)
    if (kind in LIES)
      return response.writeHead(200, json).end(JSON.stringify(LIES[kind as keyof typeof LIES]))
    if (kind in PROTO_LIES)
      return response.writeHead(200, json).end(PROTO_LIES[kind as keyof typeof PROTO_LIES])
    if (kind === 'html') {
      return response
        .writeHead(200, { 'content-type': 'text/html' })
        .end('<!doctype html><title>Sign in to the Wi-Fi</title><form>...</form>')
    }
    if (kind === 'flood' || kind === 'flood-with-length') {
      // A verdict the client would accept, if it read 64 MiB of padding to its end.
      const head = '{"code":0,"msg":"ok","data":{"valid":true,"action":"login"},"pad":"'
      const length = head.length + FLOOD_BYTES + 2
      response.writeHead(200, kind === 'flood' ? json : { ...json, 'content-length': length })
      response.write(head)
      await pour(response, Buffer.alloc(CHUNK.length, 'x'), FLOOD_BYTES)
      return response.end('"}')
    }
    if (kind === 'gzip-bomb' || kind === 'br-bomb') {
      const { gzip, br } = await bombs()
      const encoding = kind === 'gzip-bomb' ? 'gzip' : 'br'
      return response
        .writeHead(200, { ...json, 'content-encoding': encoding })
        .end(encoding === 'gzip' ? gzip : br)
    }
    if (kind === 'unavailable') return response.writeHead(503, json).end('{}')
    if (kind === 'error-500-endless') {
      // A failing URL's body is dropped with its connection, never drained.
      response.writeHead(500, json)
      return pour(response, CHUNK, Number.POSITIVE_INFINITY)
    }
    if (kind === 'drip' || kind === 'drip-with-length') {
      // Its length said, as CaptchaLa's answers say it: a length within the cap is no licence to take forever.
      const length = DRIP_FOR_MS / DRIP_EVERY_MS + VALID.length
      response.writeHead(200, kind === 'drip' ? json : { ...json, 'content-length': length })
      for (let dripped = 0; dripped < DRIP_FOR_MS / DRIP_EVERY_MS && !response.destroyed; dripped++) {
        response.write(' ')
        await new Promise((resolve) => setTimeout(resolve, DRIP_EVERY_MS))
      }
      return response.end(VALID)
    }
    response.writeHead(404, json).end('{}')
  }

  const homeServer = createServer((request, response) => {
    record('home', request)
    request.resume()
    response.on('error', () => {})
    answer(request, response).catch(() => response.destroy())
  })
  const home = await listen(homeServer)

  return {
    baseUrl: (kind) => `${home}/${kind}`,
    elsewhere,
    seen,
    async close() {
      for (const server of [homeServer, elsewhereServer]) {
        server.closeAllConnections()
        await new Promise((resolve) => server.close(resolve))
      }
    },
  }
}
