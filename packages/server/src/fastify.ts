import { isIP } from 'node:net'
import type { FastifyInstance, FastifyReply, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify'
import { recordsToLogger } from './CaptchalaRecord'
import type { CaptchalaClient } from './createClient'
import {
  DEFAULT_TOKEN_FIELD,
  DEFAULT_TOKEN_HEADER,
  readCaptchaToken,
  type TokenSource,
} from './readCaptchaToken'
import { statusFor, type ValidateResult } from './ValidateResult'

export interface CaptchalaFastifyOptions {
  /** the client from `createClient`, shared with the rest of the app */
  client: CaptchalaClient
  /** the body field that carries the token; default `captchala_token` */
  field?: string | undefined
  /** a header that may carry it instead; default `x-captcha-token` */
  header?: string | undefined
  /**
   * each validation's record (request id `request.id`, token id, upstream, category...) as one line of
   * `request.log`, `info` for a pass and `warn` else; default `true`. Turn it off when the client's own
   * `onRecord` logs them already.
   */
  log?: boolean | undefined
  /** called with every verdict, valid or not */
  onResult?: ((request: FastifyRequest, result: ValidateResult, token: unknown) => void) | undefined
  /** the caller's address to send to CaptchaLa; default `request.ip` when it is an IP address, else none */
  clientIp?: ((request: FastifyRequest) => string | undefined) | undefined
  /** the body of a refusal; default `{ ok: false, error, category }` (the browser's `visitorMessage` reads both) */
  refusal?: ((result: ValidateResult, request: FastifyRequest) => unknown) | undefined
}

declare module 'fastify' {
  interface FastifyInstance {
    captchala: {
      /** a preHandler that validates the request's token for `action`, refusing with 403 (503 when CaptchaLa or the replay guard cannot be asked) */
      guard(action: string): preHandlerAsyncHookHandler
    }
  }
  interface FastifyRequest {
    /** the verdict of the guard, once it let the request through */
    captchala?: ValidateResult
  }
}

/**
 * `app.register(captchalaFastify, { client })`, then `{ preHandler: app.captchala.guard('login') }` on a
 * route. The caller's IP is `request.ip`, so Fastify's `trustProxy` decides whose forwarded header counts;
 * a value that is not an IP address is never sent to CaptchaLa.
 */
export async function captchalaFastify(app: FastifyInstance, options: CaptchalaFastifyOptions) {
  const {
    client,
    field = DEFAULT_TOKEN_FIELD,
    header = DEFAULT_TOKEN_HEADER,
    onResult,
    refusal,
    clientIp = ipOf,
    log = true,
  } = options
  app.decorateRequest('captchala', undefined)
  app.decorate('captchala', {
    guard: (action: string) =>
      async function captchalaGuard(request: FastifyRequest, reply: FastifyReply) {
        const fromHeader = request.headers[header]
        // Fastify has parsed the body already: the same reader as `verify`, own fields only.
        const token =
          typeof fromHeader === 'string' && fromHeader
            ? fromHeader
            : await readCaptchaToken(request.body as TokenSource, { field })
        const result = await client.validate(token, {
          expectedAction: action,
          clientIp: clientIp(request),
          requestId: request.id,
          // A record is built only for a logger that writes (`logger: false` gives one without a level).
          onRecord: log && writes(request.log) ? recordsToLogger(request.log) : undefined,
        })
        onResult?.(request, result, token)
        if (!result.valid) {
          return reply
            .code(statusFor(result))
            .send(refusal?.(result, request) ?? { ok: false, error: result.error, category: result.category })
        }
        request.captchala = result
      },
  })
}
// What fastify-plugin does, without the dependency: the decorators reach the app that registered it.
;(captchalaFastify as unknown as Record<symbol, boolean>)[Symbol.for('skip-override')] = true

// A forwarded header the proxy settings believe may still hold anything: only an address is sent.
const ipOf = (request: FastifyRequest) => (isIP(request.ip) ? request.ip : undefined)

const writes = (logger: { level?: string }) => typeof logger.level === 'string' && logger.level !== 'silent'
