import {
  CHALLENGE_ID_PREFIX,
  DEGRADED_TTL_MS,
  EMULATOR_CONTROL,
  OFFLINE_PREFIX,
  OFFLINE_TTL_MS,
} from '@captchala/contract'
import type { FastifyInstance } from 'fastify'
import { z } from 'zod'
import type { EmulatorContext } from '../EmulatorContext'
import { ApiError, ok } from '../envelope'
import { FAULT_MODES, ROUTE_FAULT_MODES } from '../faultModes'
import { healthy } from '../faults'
import { parseBody } from '../parseBody'
import { clientOnlyToken, mintDegraded, mintOffline, mintPass, type PassRecord } from '../tokens'
import { ACTION } from './apiRoutes'

const mode = z.enum(FAULT_MODES)
const faultsBody = z
  .object({
    main: mode,
    backup: mode,
    scripts: mode,
    latencyMs: z.number().int().min(0).max(600_000),
    quotaExhausted: z.boolean(),
    risk: z.enum(['app', 'low', 'medium', 'high']),
    tokenTtl: z.number().int().min(1).max(86_400).nullable(),
    routes: z
      .array(
        z
          .object({
            route: z.string().startsWith('/').max(200),
            fault: z.enum(ROUTE_FAULT_MODES),
            times: z.number().int().min(1).max(1_000_000).optional(),
          })
          .strict(),
      )
      .max(50),
  })
  .partial()
  .strict()
const tokenBody = z.object({
  appKey: z.string(),
  action: z.string(),
  ttl: z.number().int().min(1).max(86_400).optional(),
})
const clockBody = z.object({
  advanceMs: z
    .number()
    .int()
    .min(0)
    .max(10 * 365 * 86_400_000),
})

/** `/__emulator/*`: what a test needs to set the stage, never reachable when the control plane is off. */
export function controlRoutes(app: FastifyInstance, ctx: EmulatorContext) {
  // What a browser gets from this app key as it is set up: a pass token, or the dg_ / offline_ / client_
  // token of its mode, or the refusal of a high-risk key. A backend's own tests get every kind of token this
  // way, without a browser. (The fault switches do not change it: a test mints, then switches.)
  app.post(EMULATOR_CONTROL.tokens, async (request) => {
    const body = parseBody(tokenBody, request.body)
    const app = Object.hasOwn(ctx.apps, body.appKey) ? ctx.apps[body.appKey] : undefined
    if (!app) throw new ApiError('invalid_app_key', 400)
    if (!ACTION.test(body.action)) throw new ApiError('invalid_action')
    const ttlMs = body.ttl ? body.ttl * 1000 : ctx.tokenTtlMs
    const challengeId = ctx.random.id(CHALLENGE_ID_PREFIX, 12)
    const record = {
      appKey: body.appKey,
      action: body.action,
      challengeId,
      userIp: request.ip,
      referer: null,
    }
    const minted = (token: string, kind: string, lifeMs: number) =>
      ok({ token, kind, expires_in: lifeMs / 1000, challenge_id: challengeId })
    if (app.mainDown && app.backupDown) return minted(clientOnlyToken(ctx), 'client', OFFLINE_TTL_MS)
    if (app.mainDown) {
      const offline = await mintOffline(ctx, { ...record, riskScore: 50, uid: null })
      return minted(offline, 'offline', OFFLINE_TTL_MS)
    }
    if (app.quotaExhausted)
      return minted(mintDegraded(ctx, body.appKey, body.action), 'degraded', DEGRADED_TTL_MS)
    if (app.tier === 'high') throw new ApiError('risk_rejected', 200, 'Verification refused')
    return minted(await mintPass(ctx, { ...record, riskScore: 5, uid: null }, ttlMs), 'pass', ttlMs)
  })
  // What the emulator knows of a pass or offline token: its solve and every validation's client_ip.
  app.get(`${EMULATOR_CONTROL.tokens}/:token`, async (request) => {
    const { token } = request.params as { token: string }
    const key = token.startsWith(OFFLINE_PREFIX) ? `offline:${token}` : `pt:${token}`
    const record = await ctx.store.get<PassRecord>(key)
    if (!record) throw new ApiError('token_not_found', 404)
    return ok({ ...record, used: Boolean(await ctx.store.get(`used:${key}`)) })
  })
  app.get(EMULATOR_CONTROL.faults, async () => ok(ctx.faults))
  app.post(EMULATOR_CONTROL.faults, async (request) => {
    Object.assign(ctx.faults, parseBody(faultsBody, request.body))
    return ok(ctx.faults)
  })
  app.post(EMULATOR_CONTROL.clock, async (request) => {
    ctx.clock.advance(parseBody(clockBody, request.body).advanceMs)
    return ok({ now: ctx.clock.now() })
  })
  app.post(EMULATOR_CONTROL.reset, async () => {
    await ctx.store.clear()
    Object.assign(ctx.faults, healthy())
    ctx.clock.reset()
    return ok({ reset: true })
  })
}
