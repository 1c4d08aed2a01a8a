import {
  BACKUP_VALIDATE_PATH,
  EMULATOR_HEADER,
  EMULATOR_MARK,
  ISSUE_PATH,
  PASS_TOKEN_TTL_SECONDS,
  VALIDATE_PATH,
} from '@captchala/contract'
import cors from '@fastify/cors'
import formbody from '@fastify/formbody'
import Fastify, { type FastifyReply } from 'fastify'
import { applyFaults } from './applyFaults'
import { type AppConfig, BUILTIN_APPS, parseApps } from './apps'
import { assetRoutes } from './assetRoutes'
import type { EmulatorContext } from './EmulatorContext'
import { createEmulatorClock } from './emulatorClock'
import { ApiError, failure, ok, type RequestErrorCode } from './envelope'
import { healthy } from './faults'
import { createRandom } from './random'
import { apiRoutes } from './routes/apiRoutes'
import { controlRoutes } from './routes/controlRoutes'
import { moderationRoutes } from './routes/moderationRoutes'
import { sdkRoutes } from './routes/sdkRoutes'
import { memoryStore, type TokenStore } from './TokenStore'

export interface EmulatorOptions {
  /** default 8787; 0 picks a free port */
  port?: number
  /** default 127.0.0.1 */
  host?: string
  /** pass token lifetime in seconds; default 120 */
  tokenTtl?: number
  /** leading zero bits of the low tier's proof of work; default 14 */
  powDifficulty?: number
  /** more apps: `KEY:SECRET` pairs, or configs by key */
  apps?: readonly string[] | Record<string, AppConfig>
  /** makes ids, salts and keys reproducible; tests only */
  seed?: string
  /** `/__emulator/*`; default on */
  controlPlane?: boolean
  /** one JSON line a request; default off for the API, on for the CLI */
  log?: boolean | ((line: string) => void)
  /** where tokens and challenges are kept; in memory by default */
  store?: TokenStore
}

export interface Emulator {
  url: string
  port: number
  close(): Promise<void>
}

// The browser's calls: the SDK's, and the control plane's (a local tool, so a gallery page can flip switches).
// What a browser calls, with CORS: the SDK's protocol, the bypass worker, the control plane, and the scripts
// and stylesheet (the official React and Vue wrappers add them with crossorigin="anonymous").
const BROWSER_PATHS = /^\/(v1\/sdk\/|bypass\/|__emulator\/|captchala(-loader)?\.(js|css)([?#]|$))/

const PREFLIGHT_REFUSED =
  'A CORS preflight needs Access-Control-Request-Method (and Origin): this OPTIONS request is not one'

// An answer the emulator wrote itself (JSON), as opposed to a plugin's plain-text refusal.
const isEnvelope = (reply: FastifyReply) =>
  String(reply.getHeader('content-type')).startsWith('application/json')

const isPairs = (apps: EmulatorOptions['apps']): apps is readonly string[] => Array.isArray(apps)

export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const clock = createEmulatorClock()
  const random = createRandom(options.seed)
  const { apps = {} } = options
  const extra = isPairs(apps) ? parseApps(apps) : apps
  const ctx: EmulatorContext = {
    // No prototype: a key such as "valueOf" or "__proto__" must not find anything (found by the fuzz test).
    apps: Object.assign(Object.create(null) as Record<string, AppConfig>, BUILTIN_APPS, extra),
    faults: healthy(),
    tokenTtlMs: (options.tokenTtl ?? PASS_TOKEN_TTL_SECONDS) * 1000,
    powDifficulty: options.powDifficulty ?? 14,
    store: options.store ?? memoryStore(clock.now),
    clock,
    random,
    hmacKey: random.bytes(32),
  }
  const log = options.log === true ? (line: string) => console.log(line) : options.log || undefined

  const app = Fastify({
    logger: false,
    bodyLimit: 64 * 1024,
    forceCloseConnections: true,
    trustProxy: false,
    // A URL that does not decode (`/v1/validate%ff`) is refused before routing, past the error handler.
    // (The reply's route generics mean nothing here, hence the plain type.)
    frameworkErrors: (error, _request, reply) =>
      (reply as FastifyReply).code(400).send(failure('invalid_request', error.message)),
  })
  // Anything a client can send ends in a 4xx envelope; a 5xx would be the emulator's own bug. Set before the
  // plugins, whose routes (the CORS plugin's OPTIONS route) take the handler in force when they register.
  app.setErrorHandler(async (error: Error & { statusCode?: number }, request, reply) => {
    if (error instanceof ApiError) return reply.code(error.status).send(failure(error.error, error.message))
    const status = error.statusCode ?? 500
    if (status < 500) {
      const code: RequestErrorCode =
        status === 413 ? 'payload_too_large' : status === 415 ? 'unsupported_media_type' : 'invalid_request'
      return reply.code(status).send(failure(code, error.message))
    }
    console.error('captchala-emulator: unexpected error', request.method, request.url, error)
    return reply.code(500).send(failure('internal_error'))
  })
  app.setNotFoundHandler(async (request, reply) =>
    reply.code(404).send(failure('not_found', `no route for ${request.method} ${request.url.split('?')[0]}`)),
  )

  await app.register(formbody)
  // The secret-bearing API gets no CORS headers at all.
  await app.register(cors, {
    delegator: (request, callback) =>
      callback(null, { origin: BROWSER_PATHS.test(request.url ?? '') ? '*' : false }),
    // The preflight goes on to the plugin's own OPTIONS route, whose empty answer becomes an envelope below.
    preflightContinue: true,
  })
  // Every preflight answer is an envelope too: a valid one (empty from the plugin) becomes `ok`, and one the
  // plugin refuses (no Access-Control-Request-Method) becomes a 400 `invalid_preflight` instead of plain text.
  app.addHook('onSend', async (request, reply, payload) => {
    if (request.method !== 'OPTIONS') return payload
    if (reply.statusCode >= 400 && !isEnvelope(reply)) {
      reply.type('application/json')
      return JSON.stringify(failure('invalid_preflight', PREFLIGHT_REFUSED))
    }
    if (reply.statusCode >= 300 || payload) return payload
    reply.code(200).type('application/json')
    return JSON.stringify(ok({}))
  })

  // Every answer says it is the emulator's, so a server can tell its keys were sent to the wrong side.
  app.addHook('onSend', async (_request, reply, payload) => {
    reply.header(EMULATOR_HEADER, EMULATOR_MARK)
    return payload
  })

  applyFaults(app, () => ctx.faults)
  if (log) {
    app.addHook('onResponse', async (request, reply) => {
      log(
        JSON.stringify({
          t: new Date().toISOString(),
          method: request.method,
          path: request.url.split('?')[0],
          status: reply.statusCode,
          ms: Math.round(reply.elapsedTime * 10) / 10,
          ip: request.ip,
        }),
      )
    })
  }

  app.get('/', async () =>
    ok({
      name: 'captchala-emulator',
      scripts: ['/captchala-loader.js', '/captchala.js', '/captchala.css'],
      api: [VALIDATE_PATH, ISSUE_PATH, BACKUP_VALIDATE_PATH],
      apps: Object.keys(ctx.apps),
    }),
  )
  assetRoutes(app)
  apiRoutes(app, ctx)
  moderationRoutes(app, ctx)
  sdkRoutes(app, ctx)
  if (options.controlPlane !== false) controlRoutes(app, ctx)

  const host = options.host ?? '127.0.0.1'
  await app.listen({ port: options.port ?? 8787, host })
  const address = app.server.address()
  const port = typeof address === 'object' && address ? address.port : (options.port ?? 8787)
  return { url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`, port, close: () => app.close() }
}
