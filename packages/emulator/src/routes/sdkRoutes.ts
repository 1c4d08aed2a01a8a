import { CHALLENGE_ID_PREFIX, DEGRADED_TTL_MS, MAIN_API_AVAILABLE, OFFLINE_TTL_MS } from '@captchala/contract'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { z } from 'zod'
import { type ChallengeData, SDK_PATH, type TokenData } from '../browser/sdk/protocol'
import type { EmulatorContext } from '../EmulatorContext'
import { ApiError, ok } from '../envelope'
import { dropConnection, mainSwitchedDown } from '../faults'
import { parseBody } from '../parseBody'
import { mintDegraded, mintOffline, mintPass, powBits, type ServerTokenRecord } from '../tokens'
import { ACTION } from './apiRoutes'

// The SDK's own protocol is unpublished upstream; this is the emulator's, documented in its README:
//   POST /v1/sdk/challenge  { app_key, action, server_token? } -> the tier and its puzzle (or a dg_ token)
//   POST /v1/sdk/answer     { challenge_id, nonce | position } -> { token, ttl, challenge_id, action }
//   POST /bypass/issue      { app_key, action } -> an offline_ token, when the main API is unreachable

interface ChallengeRecord {
  appKey: string
  action: string
  tier: 'low' | 'medium'
  salt: string
  difficulty: number
  target: number
  expiresAt: number
  uid: string | null
}

const CHALLENGE_TTL_MS = 120_000
const SLIDE_TOLERANCE = 3

const challengeBody = z.object({
  app_key: z.string().max(128),
  action: z.string().max(64).optional(),
  server_token: z.string().max(512).optional(),
})
const answerBody = z.object({
  challenge_id: z.string().max(128),
  nonce: z.string().max(64).optional(),
  position: z.number().finite().optional(),
})

const refererOf = (request: FastifyRequest) => {
  const referer = request.headers.referer
  return typeof referer === 'string' ? referer.slice(0, 512) : null
}

export function sdkRoutes(app: FastifyInstance, ctx: EmulatorContext) {
  // The checks CONTRACT.md lists for an `sct_`; every challenge it starts spends one of its uses.
  const useServerToken = async (token: string, appKey: string, ip: string) => {
    const record = await ctx.store.get<ServerTokenRecord>(`sct:${token}`)
    if (!record) throw new ApiError('server_token_invalid', 403)
    if (record.appKey !== appKey) throw new ApiError('server_token_app_mismatch', 403)
    if (ctx.clock.now() >= record.expiresAt) throw new ApiError('server_token_expired', 403)
    if (record.bindingIp && record.bindingIp !== ip) throw new ApiError('server_token_binding_mismatch', 403)
    for (let use = 0; use < record.maxUses; use++) {
      if (await ctx.store.claim(`sct-use:${token}:${use}`, record.expiresAt - ctx.clock.now() + 60_000))
        return record
    }
    throw new ApiError('server_token_exhausted', 403)
  }

  const appOf = (key: string) => {
    const config = ctx.apps[key]
    if (!config) throw new ApiError('invalid_app_key', 200)
    return config
  }

  // Both browser calls start alike: a known app, whose service may be down for it, and a valid action.
  const readCall = (request: FastifyRequest, down: 'mainDown' | 'backupDown') => {
    const body = parseBody(challengeBody, request.body)
    const config = appOf(body.app_key)
    const action = body.action || 'default'
    if (!config[down] && !ACTION.test(action)) throw new ApiError('invalid_action')
    return { body, config, action, down: config[down] }
  }

  app.post(SDK_PATH.challenge, async (request: FastifyRequest, reply: FastifyReply) => {
    const { body, config, action, down } = readCall(request, 'mainDown')
    if (down) return dropConnection(request, reply)
    const sct = body.server_token
      ? await useServerToken(body.server_token, body.app_key, request.ip)
      : undefined
    // A server token issued for another action still starts this widget: CaptchaLa's own demo issues its sct_
    // for `login` while the official wrappers start the widget with `default`. The action that counts is the
    // widget's, bound into the pass token below and checked at validation.
    if (config.quotaExhausted || ctx.faults.quotaExhausted) {
      return ok({
        tier: 'degraded',
        token: mintDegraded(ctx, body.app_key, action),
        ttl: DEGRADED_TTL_MS / 1000,
      } satisfies ChallengeData)
    }
    const tier = ctx.faults.risk === 'app' ? config.tier : ctx.faults.risk
    if (tier === 'high') throw new ApiError('risk_rejected', 403, 'Verification refused for this request')
    const challengeId = ctx.random.id(CHALLENGE_ID_PREFIX, 12)
    const record: ChallengeRecord = {
      appKey: body.app_key,
      action,
      tier,
      salt: ctx.random.id('', 12),
      difficulty: ctx.powDifficulty,
      target: ctx.random.int(15, 85),
      expiresAt: ctx.clock.now() + CHALLENGE_TTL_MS,
      uid: sct?.bindUid ?? null,
    }
    await ctx.store.set(`ch:${challengeId}`, record, CHALLENGE_TTL_MS + 60_000)
    const asked = { challenge_id: challengeId, expires_in: CHALLENGE_TTL_MS / 1000 }
    return ok(
      (record.tier === 'low'
        ? { ...asked, tier: 'low', pow: { salt: record.salt, difficulty: record.difficulty } }
        : {
            ...asked,
            tier: 'medium',
            slide: { target: record.target, tolerance: SLIDE_TOLERANCE },
          }) satisfies ChallengeData,
    )
  })

  app.post(SDK_PATH.answer, async (request) => {
    const body = parseBody(answerBody, request.body)
    const key = `ch:${body.challenge_id}`
    const challenge = await ctx.store.get<ChallengeRecord>(key)
    if (!challenge) throw new ApiError('challenge_not_found', 404)
    if (ctx.clock.now() >= challenge.expiresAt) throw new ApiError('challenge_expired', 410)
    // One answer a challenge, right or wrong: a wrong one means a new challenge.
    if (!(await ctx.store.claim(`answered:${body.challenge_id}`, CHALLENGE_TTL_MS + 60_000))) {
      throw new ApiError('challenge_not_found', 404)
    }
    const solved =
      challenge.tier === 'low'
        ? body.nonce !== undefined && powBits(challenge.salt, body.nonce) >= challenge.difficulty
        : body.position !== undefined && Math.abs(body.position - challenge.target) <= SLIDE_TOLERANCE
    if (!solved) throw new ApiError('invalid_answer', 400, 'The answer was not right')
    const ttlMs = ctx.faults.tokenTtl ? ctx.faults.tokenTtl * 1000 : ctx.tokenTtlMs
    const token = await mintPass(
      ctx,
      {
        appKey: challenge.appKey,
        action: challenge.action,
        challengeId: body.challenge_id,
        userIp: request.ip,
        referer: refererOf(request),
        riskScore: challenge.tier === 'low' ? ctx.random.int(1, 20) : ctx.random.int(40, 70),
        uid: challenge.uid,
      },
      ttlMs,
    )
    return ok({
      token,
      ttl: ttlMs / 1000,
      challenge_id: body.challenge_id,
      action: challenge.action,
    } satisfies TokenData)
  })

  // The bypass worker of the backup service: issues `offline_` tokens while the main API is unreachable
  // (switched down for everyone, or for this app), and refuses otherwise: an offline_ token is a claim that
  // the main API is out, and it is not handed to anyone who asks while it is up.
  app.post(SDK_PATH.bypass, async (request: FastifyRequest, reply: FastifyReply) => {
    const { body, config, action, down } = readCall(request, 'backupDown')
    if (down) return dropConnection(request, reply)
    if (!config.mainDown && !mainSwitchedDown(ctx.faults.main)) throw new ApiError(MAIN_API_AVAILABLE, 409)
    const challengeId = ctx.random.id(CHALLENGE_ID_PREFIX, 12)
    const record = {
      appKey: body.app_key,
      action,
      challengeId,
      userIp: request.ip,
      referer: refererOf(request),
    }
    const token = await mintOffline(ctx, { ...record, riskScore: 50, uid: null })
    return ok({ token, ttl: OFFLINE_TTL_MS / 1000, challenge_id: challengeId, action } satisfies TokenData)
  })
}
