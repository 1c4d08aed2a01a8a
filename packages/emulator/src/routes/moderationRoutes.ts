import {
  APP_KEY_HEADER,
  APP_SECRET_HEADER,
  MODERATE_CONTENT_PATH,
  MODERATE_TEXT_PATH,
  type ModerationInputCode,
} from '@captchala/contract'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { z } from 'zod'
import type { EmulatorContext } from '../EmulatorContext'
import { failure, ok } from '../envelope'
import { parseBody } from '../parseBody'
import { authenticateKey } from './apiRoutes'

// Content moderation as CaptchaLa's PHP and Go SDKs call it (CONTRACT.md section 5). The verdicts are the
// emulator's own and deterministic: a documented test word flags its category, nothing else is flagged.
//   POST /v1/moderation/text  { app_key, app_secret, text, user_id? }
//   POST /v1/moderation/check { app_key, app_secret, input: [{ type: 'text', text } | { type: 'image_url',
//                               image_url: { url } }], user_id? }

/** The categories a verdict names, each `true` or `false`. */
export const MODERATION_CATEGORIES = [
  'hate',
  'harassment',
  'sexual',
  'violence',
  'self_harm',
  'spam',
] as const

/** `test_flag_<category>` in a text or an image URL flags that category (case-insensitive). */
const TEST_WORD = /test_flag_([a-z_]+)/gi

const MAX_TEXT = 20_000
const MAX_ITEMS = 32
const credentials = {
  app_key: z.string().max(256).optional(),
  app_secret: z.string().max(256).optional(),
  user_id: z.string().max(256).optional(),
}
const textBody = z.object({ ...credentials, text: z.string().max(MAX_TEXT).optional() })
const item = z.discriminatedUnion('type', [
  z.object({ type: z.literal('text'), text: z.string().max(MAX_TEXT) }),
  z.object({ type: z.literal('image_url'), image_url: z.object({ url: z.string().max(4096) }) }),
])
const checkBody = z.object({ ...credentials, input: z.array(item).max(MAX_ITEMS).optional() })

function verdict(samples: string[], contentType: 'text' | 'image' | 'mixed') {
  const named = new Set(
    samples.flatMap((sample) => [...sample.matchAll(TEST_WORD)].map((m) => m[1]!.toLowerCase())),
  )
  const categories = Object.fromEntries(MODERATION_CATEGORIES.map((name) => [name, named.has(name)]))
  return ok({ flagged: Object.values(categories).some(Boolean), categories, content_type: contentType })
}

// The credentials may come in the headers or the body (the SDKs send both); the headers win.
const authenticateCall = (ctx: EmulatorContext, request: FastifyRequest, body: z.infer<typeof textBody>) =>
  authenticateKey(
    ctx,
    request.headers[APP_KEY_HEADER] ?? body.app_key,
    request.headers[APP_SECRET_HEADER] ?? body.app_secret,
  )

export function moderationRoutes(app: FastifyInstance, ctx: EmulatorContext) {
  app.post(MODERATE_TEXT_PATH, async (request) => {
    const body = parseBody(textBody, request.body)
    authenticateCall(ctx, request, body)
    if (!body.text?.trim()) return emptyVerdict('empty_text')
    return verdict([body.text], 'text')
  })

  app.post(MODERATE_CONTENT_PATH, async (request) => {
    const body = parseBody(checkBody, request.body)
    authenticateCall(ctx, request, body)
    const input = body.input ?? []
    if (!input.length) return emptyVerdict('empty_input')
    const texts = input.flatMap((entry) => (entry.type === 'text' ? [entry.text] : []))
    const urls = input.flatMap((entry) => (entry.type === 'image_url' ? [entry.image_url.url] : []))
    const contentType = !urls.length ? 'text' : !texts.length ? 'image' : 'mixed'
    return verdict([...texts, ...urls], contentType)
  })
}

// Nothing to judge: a verdict-style refusal (HTTP 200, non-zero code), as for validation.
const emptyVerdict = (error: ModerationInputCode) => failure(error)
