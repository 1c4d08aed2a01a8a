import {
  APP_KEY_HEADER,
  APP_SECRET_HEADER,
  BACKUP_VALIDATE_PATH,
  DEGRADED_PREFIX,
  ISSUE_ALIAS_PATH,
  ISSUE_PATH,
  OFFLINE_PREFIX,
  PASS_PREFIX,
  QUOTA_EXHAUSTED,
  SERVER_TOKEN_TTL_SECONDS,
  type ServiceErrorCode,
  VALIDATE_ALIAS_PATH,
  VALIDATE_PATH,
} from '@captchala/contract'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { z } from 'zod'
import type { EmulatorContext } from '../EmulatorContext'
import { ApiError, ok } from '../envelope'
import { dropConnection } from '../faults'
import { parseBody } from '../parseBody'
import { mintServerToken, type PassRecord, readDegraded, type ServerTokenRecord, sameSecret } from '../tokens'

// Form posts carry strings: accept "true"/"1" and numeric strings as the docs' form-urlencoded examples do.
const flag = z.union([
  z.boolean(),
  z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1'),
])
const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max)
const text = (max: number) => z.string().max(max)

const validateBody = z.object({
  pass_token: z.unknown().optional(),
  client_ip: text(64).optional(),
  keep_token: flag.optional(),
})

const issueBody = z.object({
  action: z.unknown().optional(),
  binding_ip: text(64).optional(),
  bind_ip: text(64).optional(),
  ttl: int(1, 86_400).optional(),
  max_uses: int(1, 100).optional(),
  bind_uid: text(128).optional(),
})

export const ACTION = /^[\w.:-]{1,64}$/

/** The paths a site's server calls with its secret (the browser SDK's calls are in sdkRoutes). */
const SERVER_CALL = /^\/(v1\/(validate|challenge\/verify|server\/|server-token\/|moderation\/)|api\/validate)/

/** The app the `X-App-Key` / `X-App-Secret` headers name, or the contract's error for them. */
export function authenticate(ctx: EmulatorContext, request: FastifyRequest) {
  return authenticateKey(ctx, request.headers[APP_KEY_HEADER], request.headers[APP_SECRET_HEADER])
}

/** The app a key and secret name, wherever the call carried them. */
export function authenticateKey(ctx: EmulatorContext, key: unknown, secret: unknown) {
  const app = typeof key === 'string' ? ctx.apps[key] : undefined
  // Answered as HTTP 200 envelopes with a non-zero code, as CaptchaLa's own SDKs and demo expect: a status
  // other than 200 means the request itself could not be handled (CONTRACT.md section 5).
  if (!app || typeof key !== 'string') throw new ApiError('invalid_app_key', 200)
  if (typeof secret !== 'string' || !sameSecret(secret, app.secret))
    throw new ApiError('invalid_app_secret', 200)
  return key
}

const verdict = (error: ServiceErrorCode, extra: object = {}) => ok({ valid: false, error, ...extra })

// A valid token: the contract's `captcha_args`, and `risk_score`, `client_ip` and `offline` at the top of
// `data` as well, where the official demo's verify.php reads them (CONTRACT.md section 5).
function passed(record: PassRecord, offline: boolean) {
  return ok({
    valid: true,
    offline,
    risk_score: record.riskScore,
    client_ip: record.userIp,
    challenge_id: record.challengeId,
    action: record.action,
    uid: record.uid,
    captcha_args: {
      platform: 'web',
      user_ip: record.userIp,
      referer: record.referer,
      pkg: null,
      solved_at: Math.floor(record.solvedAt / 1000),
      risk_score: record.riskScore,
    },
  })
}

const VALIDATIONS_KEPT = 20

/** The single-use check shared by the main API (`pt_`) and the backup (`offline_`). */
async function validateStored(
  ctx: EmulatorContext,
  key: string,
  appKey: string,
  keep: boolean,
  clientIp?: string,
) {
  const record = await ctx.store.get<PassRecord>(key)
  if (!record || record.appKey !== appKey) return verdict('invalid_token')
  // Recorded for the site's tests (GET /__emulator/tokens/:token): did the backend send the user's IP?
  // Only the latest few, so that a token checked again and again (`keep_token`) costs the same each time.
  // A read-modify-write: concurrent validations of one token may drop entries (single use rests on claim).
  record.validatedFor = [...(record.validatedFor ?? []).slice(1 - VALIDATIONS_KEPT), clientIp ?? null]
  await ctx.store.set(key, record, record.expiresAt - ctx.clock.now() + 3_600_000)
  if (ctx.clock.now() >= record.expiresAt) return verdict('token_expired')
  const offline = key.startsWith('offline:')
  if (keep)
    return (await ctx.store.get(`used:${key}`)) ? verdict('token_already_used') : passed(record, offline)
  if (!(await ctx.store.claim(`used:${key}`, record.expiresAt - ctx.clock.now() + 3_600_000))) {
    return verdict('token_already_used')
  }
  return passed(record, offline)
}

function readValidate(request: FastifyRequest) {
  const body = parseBody(validateBody, request.body)
  if (body.pass_token === undefined || body.pass_token === null || body.pass_token === '')
    throw new ApiError('empty_token', 200)
  if (typeof body.pass_token !== 'string' || body.pass_token.length > 4096)
    throw new ApiError('invalid_token', 200)
  return { token: body.pass_token, keep: body.keep_token ?? false, clientIp: body.client_ip }
}

export function apiRoutes(app: FastifyInstance, ctx: EmulatorContext) {
  // An app whose main API (or backup) is down (the test keys test_offline, test_client_only) is down for its
  // site's server too: the server sees the same outage as the browser.
  app.addHook('onRequest', async (request, reply) => {
    if (!SERVER_CALL.test(request.url)) return
    const key = String(request.headers[APP_KEY_HEADER])
    const config = Object.hasOwn(ctx.apps, key) ? ctx.apps[key] : undefined
    const down = request.url.startsWith('/v1/') ? config?.mainDown : config?.backupDown
    if (down) return dropConnection(request, reply)
  })

  const validate = async (request: FastifyRequest) => {
    const appKey = authenticate(ctx, request)
    const { token, keep, clientIp } = readValidate(request)
    if (token.startsWith(PASS_PREFIX)) return validateStored(ctx, `pt:${token}`, appKey, keep, clientIp)
    if (token.startsWith(DEGRADED_PREFIX)) {
      const degraded = readDegraded(ctx, token)
      if (!degraded || degraded.appKey !== appKey) return verdict('invalid_token')
      if (ctx.clock.now() >= degraded.expiresAt) return verdict('token_expired')
      return ok({ valid: false, degraded: true, reason: QUOTA_EXHAUSTED, action: degraded.action })
    }
    // offline_ belongs to the backup; client-only tokens cannot be verified anywhere.
    return verdict('invalid_token')
  }
  app.post(VALIDATE_PATH, validate)
  app.post(VALIDATE_ALIAS_PATH, validate) // one demo README's path

  const issue = async (request: FastifyRequest) => {
    const appKey = authenticate(ctx, request)
    const body = parseBody(issueBody, request.body)
    if (typeof body.action !== 'string' || !ACTION.test(body.action))
      throw new ApiError('invalid_action', 200)
    const ttl = body.ttl ?? SERVER_TOKEN_TTL_SECONDS
    const record: Omit<ServerTokenRecord, 'expiresAt'> = {
      appKey,
      action: body.action,
      maxUses: body.max_uses ?? 1,
      bindingIp: body.binding_ip ?? body.bind_ip ?? null,
      bindUid: body.bind_uid ?? null,
    }
    const serverToken = await mintServerToken(ctx, record, ttl * 1000)
    return ok({ server_token: serverToken, expires_in: ttl, issued_at: Math.floor(ctx.clock.now() / 1000) })
  }
  app.post(ISSUE_PATH, issue)
  app.post(ISSUE_ALIAS_PATH, issue) // one demo page's path

  // The backup validation: the only place an `offline_` token is accepted; it also checks `pt_`.
  app.post(BACKUP_VALIDATE_PATH, async (request) => {
    const appKey = authenticate(ctx, request)
    const { token, keep, clientIp } = readValidate(request)
    if (token.startsWith(OFFLINE_PREFIX))
      return validateStored(ctx, `offline:${token}`, appKey, keep, clientIp)
    if (token.startsWith(PASS_PREFIX)) return validateStored(ctx, `pt:${token}`, appKey, keep, clientIp)
    return verdict('invalid_token')
  })
}
