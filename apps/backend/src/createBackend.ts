import { randomUUID } from 'node:crypto'
import { fileURLToPath } from 'node:url'
import { type CaptchalaClient, createClient, recordsToLogger } from '@captchala/server'
import { captchalaFastify } from '@captchala/server/fastify'
import formbody from '@fastify/formbody'
import rateLimit from '@fastify/rate-limit'
import Fastify, { type FastifyReply, type FastifyRequest, type FastifyServerOptions } from 'fastify'
import { clientAddress } from './clientAddress'
import type { BackendConfig } from './config'
import { connectRedis } from './connectRedis'
import { fallbackRateLimitStore } from './fallbackRateLimitStore'
import { messageFor } from './messages'
import { replayGuardOnRedis } from './replayGuardOnRedis'
import { type ServedApp, serveApps } from './serveApps'

/** The forms this site protects; each is its own CaptchaLa action. */
export const FORM_ACTIONS = ['login', 'signup', 'checkout', 'comment', 'contact'] as const

// Which tokens each form accepts beyond main-API pass tokens (every accepted one is single-use through the
// replay guard): login favours availability, checkout trusts only the main API, signup takes offline_.
const POLICY = {
  degraded: false,
  offline: true,
  clientOnly: false,
  actions: { login: { clientOnly: true }, checkout: { offline: false } },
}

export interface BackendDeps {
  /** a client to use instead of one built from the config (benches, tests) */
  client?: CaptchalaClient
  logger?: FastifyServerOptions['logger']
  /** built apps to serve in production mode; default the example apps' dist folders, when built */
  apps?: ServedApp[]
}

// Beside this module both in src/ and in dist/: apps/backend/<dir>/ -> apps/<example>/dist.
export const EXAMPLE_APPS: ServedApp[] = [
  { prefix: '/react/', dir: fileURLToPath(new URL('../../react-example/dist', import.meta.url)) },
  { prefix: '/vue/', dir: fileURLToPath(new URL('../../vue-example/dist', import.meta.url)) },
]

const formBody = {
  type: 'object',
  maxProperties: 50,
  properties: { captchala_token: { type: 'string', maxLength: 4096 } },
  additionalProperties: { type: ['string', 'number', 'boolean', 'null'], maxLength: 4096 },
}

/** A sender slower than this for a whole request (headers and body) is cut off; others are served meanwhile. */
const REQUEST_TIMEOUT_MS = 20_000
const HEADERS_TIMEOUT_MS = 10_000
/** A connection that sends nothing for this long is closed. */
const IDLE_CONNECTION_TIMEOUT_MS = 30_000
/** How often Node looks for requests past their timeouts (its default, 30 s, would double the wait). */
const TIMEOUT_CHECK_INTERVAL_MS = 1_000

export async function createBackend(config: BackendConfig, deps: BackendDeps = {}) {
  const app = Fastify({
    logger: deps.logger ?? true,
    requestTimeout: REQUEST_TIMEOUT_MS,
    connectionTimeout: IDLE_CONNECTION_TIMEOUT_MS,
    http: { headersTimeout: HEADERS_TIMEOUT_MS, connectionsCheckingInterval: TIMEOUT_CHECK_INTERVAL_MS },
    // Forwarded headers are believed only from the proxies the operator lists.
    trustProxy: config.trustedProxies.length ? config.trustedProxies : false,
    bodyLimit: 16 * 1024,
    genReqId: () => randomUUID(),
    // The form schema's values may be one of several JSON types.
    ajv: { customOptions: { allowUnionTypes: true } },
    forceCloseConnections: true,
    // A URL that does not decode (`/api/login%ff`) is refused before routing, past the error handler.
    // (The reply's route generics mean nothing here, hence the plain type.)
    frameworkErrors: (error, request, reply) =>
      (reply as FastifyReply)
        .code(400)
        .send({ ok: false, error: 'invalid_request', message: error.message, requestId: request.id }),
  })
  // Redis's comings and goings, logged once each; while it is down, rate limits count per instance.
  let countingLocally = false
  const redisEvents = {
    down: (error: Error) => app.log.warn({ event: 'redis_down', error: error.message }),
    up: () => {
      countingLocally = false
      app.log.info({ event: 'redis_up' })
    },
  }
  // Two connections, made side by side: the rate limits' (fail fast) and the replay guard's (see there).
  const [redis, replay] = config.redis
    ? await Promise.all([
        connectRedis(config.redis, redisEvents),
        deps.client ? undefined : replayGuardOnRedis(config.redis),
      ])
    : []
  const client =
    deps.client ??
    createClient({
      appKey: config.appKey,
      appSecret: config.appSecret,
      baseUrl: config.baseUrl,
      backupUrl: config.backupUrl,
      policy: POLICY,
      breakerFailures: config.breakerFailures,
      breakerCooldownMs: config.breakerCooldownMs,
      timeoutMs: config.timeoutMs,
      guardTimeoutMs: config.guardTimeoutMs,
      replayGuard: replay?.guard,
      environment: config.environment,
    })
  // The breaker gauge asks the client when it is read (the OpenTelemetry entry is loaded only then).
  if (config.telemetry) {
    const { observeBreakers } = await import('@captchala/server/opentelemetry')
    const stopObserving = observeBreakers(client, config.appKey)
    app.addHook('onClose', async () => stopObserving())
  }

  await app.register(formbody)
  // Shared counts in Redis; while Redis is down, each instance counts on its own (logged once per outage).
  await app.register(rateLimit, {
    global: false,
    store: redis
      ? fallbackRateLimitStore(redis, 'captchala-backend:rl:', (error) => {
          if (countingLocally) return
          countingLocally = true
          app.log.warn({ event: 'rate_limit_local', reason: error.message })
        })
      : undefined,
    errorResponseBuilder: (_request, context) => ({
      statusCode: 429,
      ok: false,
      error: 'rate_limit_exceeded',
      message: messageFor('rate_limit_exceeded'),
      retryAfterMs: context.ttl,
    }),
  })
  const limited = { rateLimit: { max: config.rateLimit.max, timeWindow: config.rateLimit.windowMs } }

  // Anything a client can send is answered with a 4xx JSON body.
  app.setErrorHandler(
    async (error: Error & { statusCode?: number; validation?: unknown; error?: string }, request, reply) => {
      const status = error.statusCode ?? 500
      if (status === 429) return reply.code(429).send(error)
      if (status < 500) {
        const code =
          error.validation || status === 400
            ? 'invalid_request'
            : status === 413
              ? 'payload_too_large'
              : 'invalid_request'
        return reply
          .code(status)
          .send({ ok: false, error: code, message: error.message, requestId: request.id })
      }
      request.log.error(error)
      return reply.code(500).send({
        ok: false,
        error: 'internal_error',
        message: 'Something broke on our side.',
        requestId: request.id,
      })
    },
  )
  app.setNotFoundHandler(async (request, reply) =>
    reply
      .code(404)
      .send({ ok: false, error: 'not_found', message: messageFor('not_found'), requestId: request.id }),
  )

  // Up as long as it answers; `captchala` and `redis` say what it can reach, for dashboards and probes.
  app.get('/api/health', async () => ({
    ok: true,
    environment: config.environment,
    captchala: client.health(),
    redis: redis ? redis.status : 'not configured',
    replayGuard: replay ? replay.status() : 'not configured',
  }))

  // A forwarded address that is not an address is logged and ignored (clientAddress), never passed on.
  app.addHook('onRequest', async (request) => {
    if (clientAddress(request).forwardedIgnored) {
      request.log.warn({ event: 'forwarded_for_ignored', forwardedFor: request.headers['x-forwarded-for'] })
    }
  })

  // What a page needs to load the widget: public values only. Against a local emulator the pages also get
  // its address, for its scripts and for the gallery's fault switches.
  const emulator = isLoopback(config.baseUrl) ? new URL(config.baseUrl).origin : undefined
  app.get('/api/site-config', async () => ({
    ok: true,
    appKey: config.appKey,
    scriptSrc: emulator && [emulator],
    emulator,
  }))

  // An sct_ bound to the caller's IP, for the widget's serverToken option.
  app.get(
    '/api/server-token',
    {
      config: limited,
      schema: {
        querystring: {
          type: 'object',
          required: ['action'],
          // only the forms this backend has: an action is a label in its records and metrics
          properties: { action: { type: 'string', enum: FORM_ACTIONS } },
        },
      },
    },
    async (request, reply) => {
      const { action } = request.query as { action: string }
      const issued = await client.issueServerToken({
        action,
        bindingIp: clientAddress(request).ip,
        maxUses: 3,
        requestId: request.id,
        onRecord: recordsToLogger(request.log),
      })
      if (!issued.ok) {
        return reply.code(issued.error === 'request_failed' ? 503 : 502).send({
          ok: false,
          error: issued.error,
          message: messageFor('request_failed'),
          requestId: request.id,
        })
      }
      return { ok: true, serverToken: issued.serverToken, expiresIn: issued.expiresIn }
    },
  )

  await app.register(captchalaFastify, {
    client,
    clientIp: (request) => clientAddress(request).ip,
    // Each validation is logged through request.log as the client's record (the reference article's stages:
    // request id, token id and presence, upstream and its status, category, platform, environment, time).
    // The code and its category for the app, words for the visitor, and the ids that find the record.
    refusal: (result, request) => ({
      ok: false,
      error: result.error,
      category: result.category,
      message: messageFor(result.error!),
      requestId: request.id,
      tokenId: result.tokenId,
    }),
  })

  for (const action of FORM_ACTIONS) {
    app.post(
      `/api/${action}`,
      {
        config: limited,
        schema: { body: formBody },
        preHandler: app.captchala.guard(action),
        onSend: returnToPage,
      },
      async (request) => {
        const { tokenType, offline, clientOnly, tokenId } = request.captchala!
        return { ok: true, action, tokenType, offline, clientOnly, requestId: request.id, tokenId }
      },
    )
  }

  await serveApps(app, deps.apps ?? EXAMPLE_APPS, new URL(config.baseUrl).origin)

  app.addHook('onClose', async () => {
    replay?.stop()
    if (!deps.client) client.close()
    // Not quit(): with Redis down it would wait for a connection that is not coming.
    redis?.disconnect()
  })
  return app
}

// A native form post (no JavaScript) that names a page of this site to go back to gets a 303 there, with
// the answer in the URL's query (after the hash, for hash-routed pages), instead of a page of JSON.
async function returnToPage(request: FastifyRequest, reply: FastifyReply, payload: unknown) {
  const returnTo = (request.body as { return_to?: unknown } | undefined)?.return_to
  const form = String(request.headers['content-type']).startsWith('application/x-www-form-urlencoded')
  if (!form || !isLocalPath(returnTo) || typeof payload !== 'string') return payload
  const answer = JSON.parse(payload) as {
    ok?: boolean
    error?: string
    category?: string
    message?: string
    requestId?: string
  }
  const query = new URLSearchParams({
    result: answer.ok ? 'ok' : (answer.error ?? 'error'),
    requestId: answer.requestId ?? request.id,
    // the category too: the page's visitorMessage reads it for the visitor's words
    ...(answer.ok ? {} : { category: answer.category ?? '', message: answer.message ?? '' }),
  })
  reply.code(303).removeHeader('content-type')
  reply.header('location', `${returnTo}${returnTo.includes('?') ? '&' : '?'}${query}`)
  return ''
}

const isLoopback = (url: string) => ['127.0.0.1', 'localhost', '[::1]'].includes(new URL(url).hostname)

// Only a path on this site: never another origin (`//host`, `/\\host`, a scheme), and only printable ASCII,
// so that it is a valid Location header (a control character would make Node throw while answering).
const isLocalPath = (value: unknown): value is string =>
  typeof value === 'string' && value.length <= 512 && /^\/(?![/\\])[\x21-\x7e]*$/.test(value)
