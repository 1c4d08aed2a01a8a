import {
  type CaptchalaClient,
  createClient,
  DEFAULT_TOKEN_FIELD,
  DEFAULT_TOKEN_HEADER,
  recordsToConsole,
  type ValidateResult,
  type VerifyOptions,
  verify,
} from '@captchala/server'
import { getHeader, getRequestIP, type H3Event, readBody, readMultipartFormData } from 'h3'
import { useRuntimeConfig } from '#imports'
import { describeTarget, resolveCaptchalaConfig } from '../../config'

// Auto-imported beside verifyCaptcha: the status to answer a refusal with (403, or 503 when CaptchaLa could
// not be asked).
export { statusFor } from '@captchala/server'

// One client per server process: its circuit breakers remember what it saw of CaptchaLa between requests.
let client: CaptchalaClient | undefined

function captchalaClient(): CaptchalaClient {
  if (client) return client
  const runtimeConfig = useRuntimeConfig()
  const config = resolveCaptchalaConfig(runtimeConfig.public.captchala, runtimeConfig.captchala)
  // `nuxt dev` said it when it started; a production server says it once, here.
  if (!import.meta.dev) console.info(`[@captchala/nuxt] ${describeTarget(config)}`)
  client = createClient({
    appKey: config.appKey,
    appSecret: config.appSecret,
    baseUrl: config.baseUrl,
    backupUrl: config.backupUrl,
    environment: config.environment,
    onRecord: config.log ? recordsToConsole() : undefined,
  })
  return client
}

/** The request id a proxy or platform gave the request, for the verification's record. */
const REQUEST_ID_HEADER = 'x-request-id'

/**
 * Validates the token an event carries (the `x-captcha-token` header, or the `captchala_token` field of a JSON,
 * form or multipart body) and returns `@captchala/server`'s result; `statusFor(result)` gives the status to
 * answer a refusal with. Each verification is logged as one JSON line (its record: request id, token id,
 * category, fix; `captchala.log: false` turns it off); the request id is the `x-request-id` header when the
 * request has one. The body is read through h3, which keeps it: `readBody(event)` and
 * `readMultipartFormData(event)` still work afterwards. The caller's IP is h3's socket address (no forwarded
 * header is trusted; pass `clientIp` when your proxy sets one).
 */
export async function verifyCaptcha(event: H3Event, options: VerifyOptions = {}): Promise<ValidateResult> {
  const field = options.field ?? DEFAULT_TOKEN_FIELD
  const fromHeader = getHeader(event, options.header ?? DEFAULT_TOKEN_HEADER)
  const source = fromHeader ? { [field]: fromHeader } : await readTokenSource(event, field)
  return verify(captchalaClient(), source, {
    ...options,
    field,
    clientIp: options.clientIp ?? getRequestIP(event),
    requestId: options.requestId ?? getHeader(event, REQUEST_ID_HEADER),
  })
}

async function readTokenSource(event: H3Event, field: string): Promise<Record<string, unknown> | null> {
  try {
    if (getHeader(event, 'content-type')?.includes('multipart/form-data')) {
      const part = (await readMultipartFormData(event))?.find((item) => item.name === field && !item.filename)
      return part ? { [field]: part.data.toString('utf8') } : null
    }
    const body: unknown = await readBody(event)
    return body && typeof body === 'object' ? (body as Record<string, unknown>) : null
  } catch {
    // a body h3 cannot parse carries no token: `empty_token`, without a request to CaptchaLa
    return null
  }
}
