import { memoryReplayGuard, type ReplayGuard } from './ReplayGuard'
import {
  type TokenType,
  tokenTypeOf,
  toValidateError,
  type ValidateError,
  type ValidateResult,
} from './ValidateResult'

/** Which tokens a site accepts that the main API did not verify as single-use pass tokens. */
export interface Policy {
  /** `dg_`: the app's quota ran out (default: refuse) */
  degraded: boolean
  /** `offline_`: verified by the backup while the main API was down (default: accept) */
  offline: boolean
  /** `client_` / `co_`: made in the browser, verifiable by nobody (default: refuse) */
  clientOnly: boolean
}

/** Any of the policy's switches; an absent or `undefined` one keeps the default. */
export type PolicyOverrides = { [Switch in keyof Policy]?: Policy[Switch] | undefined }

export interface ClientOptions {
  appKey: string
  /** server-side only: it goes in the `X-App-Secret` header and nowhere else */
  appSecret: string
  /** default `https://apiv1.captcha.la` */
  baseUrl?: string | undefined
  /** the backup validation URL; default `https://fallbackapiv1.captchala.com/api/validate` */
  backupUrl?: string | undefined
  /** per attempt; default 5 s, as the official SDKs */
  timeoutMs?: number | undefined
  /** further attempts after a transport failure or a 5xx, never after a verdict; default 2 */
  retries?: number | undefined
  fetch?: typeof fetch | undefined
  /** the default policy, and per-action overrides keyed by `expectedAction` */
  policy?: (PolicyOverrides & { actions?: Record<string, PolicyOverrides> | undefined }) | undefined
  /** where locally accepted tokens are made single-use; in memory by default */
  replayGuard?: ReplayGuard | undefined
  /** how long the guard remembers a token; default 10 minutes (dg_ and offline_ live 5) */
  replayTtlMs?: number | undefined
}

export interface ValidateOptions {
  /** the end user's IP, for the service's consistency check */
  clientIp?: string | undefined
  /** the action this endpoint expects; a token made for another is `token_action_mismatch` */
  expectedAction?: string | undefined
  /** check without consuming */
  keepToken?: boolean | undefined
}

export interface IssueOptions {
  action: string
  bindingIp?: string | undefined
  /** seconds; the service's default is 300 */
  ttl?: number | undefined
  maxUses?: number | undefined
  bindUid?: string | undefined
}

export type IssueResult =
  | { ok: true; error: null; serverToken: string; expiresIn: number; issuedAt: number }
  | { ok: false; error: ValidateError; serverToken: null; expiresIn: null; issuedAt: null }

export interface CaptchalaClient {
  validate(token: unknown, options?: ValidateOptions): Promise<ValidateResult>
  issueServerToken(options: IssueOptions): Promise<IssueResult>
}

interface Envelope {
  code: number
  msg?: unknown
  data?: Record<string, unknown> | null
}

const DEFAULT_POLICY: Policy = { degraded: false, offline: true, clientOnly: false }

// A switch given as `undefined` keeps the default instead of turning into a refusal.
const definedSwitches = (overrides: PolicyOverrides | undefined): Partial<Policy> =>
  Object.fromEntries(Object.entries(overrides ?? {}).filter(([, value]) => value !== undefined))

export function createClient(options: ClientOptions): CaptchalaClient {
  const {
    appKey,
    appSecret,
    baseUrl = 'https://apiv1.captcha.la',
    backupUrl = 'https://fallbackapiv1.captchala.com/api/validate',
    timeoutMs = 5000,
    retries = 2,
    fetch: send = globalThis.fetch,
    policy: { actions = {}, ...defaults } = {},
    replayGuard = memoryReplayGuard(),
    replayTtlMs = 600_000,
  } = options
  const base = baseUrl.replace(/\/+$/, '')

  // One call: retried after transport failures and 5xx only; anything that is not an envelope is null.
  // `status` is the last HTTP status seen (for logs), 0 when nothing answered.
  async function call(url: string, body: object): Promise<{ envelope: Envelope | null; status: number }> {
    let status = 0
    for (let attempt = 0; ; attempt++) {
      const retry = attempt < retries
      let response: Response
      try {
        response = await send(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-app-key': appKey, 'x-app-secret': appSecret },
          body: JSON.stringify(body),
          signal: AbortSignal.timeout(timeoutMs),
        })
      } catch {
        if (!retry) return { envelope: null, status }
        await backoff(attempt)
        continue
      }
      status = response.status
      if (status >= 500) {
        await response.body?.cancel().catch(() => {})
        if (!retry) return { envelope: null, status }
        await backoff(attempt)
        continue
      }
      try {
        const envelope = (await response.json()) as Envelope
        return {
          envelope:
            envelope && typeof envelope === 'object' && typeof envelope.code === 'number' ? envelope : null,
          status,
        }
      } catch {
        return { envelope: null, status }
      }
    }
  }

  const hash = async (token: string) => {
    const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(token))
    return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('')
  }
  const firstUse = async (token: string) => replayGuard.claim(await hash(token), replayTtlMs)

  return {
    async validate(token, { clientIp, expectedAction, keepToken } = {}) {
      const tokenType: TokenType = typeof token === 'string' ? tokenTypeOf(token) : 'unknown'
      const result = (patch: Partial<ValidateResult>): ValidateResult => ({
        valid: false,
        error: null,
        action: null,
        tokenType,
        degraded: tokenType === 'degraded',
        offline: tokenType === 'offline',
        clientOnly: tokenType === 'client',
        challengeId: null,
        captchaArgs: null,
        upstreamStatus: null,
        ...patch,
      })
      if (typeof token !== 'string' || !token.trim()) return result({ error: 'empty_token' })
      const rules: Policy = {
        ...DEFAULT_POLICY,
        ...definedSwitches(defaults),
        ...definedSwitches(expectedAction ? actions[expectedAction] : undefined),
      }
      // Accepted here without the main API's single-use check: the replay guard makes it single-use.
      const acceptLocally = async (patch: Partial<ValidateResult>) =>
        keepToken || (await firstUse(token))
          ? result({ ...patch, valid: true })
          : result({ ...patch, error: 'token_replayed' })

      // Client-only tokens never leave the process: nobody can verify them.
      if (tokenType === 'client') {
        return rules.clientOnly
          ? acceptLocally({ action: expectedAction ?? null })
          : result({ error: 'client_only_rejected' })
      }
      if (tokenType === 'offline' && !rules.offline) return result({ error: 'offline_rejected' })

      const url = tokenType === 'offline' ? backupUrl : `${base}/v1/validate`
      const { envelope, status } = await call(url, {
        pass_token: token,
        client_ip: clientIp,
        keep_token: keepToken,
      })
      const upstreamStatus = status || null
      if (!envelope) return result({ error: 'request_failed', upstreamStatus })
      const data = envelope.data ?? {}
      if (envelope.code !== 0)
        return result({ error: toValidateError(data.error ?? envelope.msg), upstreamStatus })

      const action = typeof data.action === 'string' ? data.action : null
      const context: Partial<ValidateResult> = {
        upstreamStatus,
        action,
        challengeId: typeof data.challenge_id === 'string' ? data.challenge_id : null,
        // The older answer puts client_ip and risk_score straight in data.
        captchaArgs:
          (data.captcha_args as Record<string, unknown> | undefined) ??
          ('client_ip' in data || 'risk_score' in data
            ? { user_ip: data.client_ip, risk_score: data.risk_score }
            : null),
      }
      const degraded = data.degraded === true
      if (!degraded && data.valid !== true && data.ok !== true)
        return result({ ...context, error: toValidateError(data.error) })
      // The caller's check the contract asks for: a token made for another action is refused.
      if (expectedAction !== undefined && action !== expectedAction)
        return result({ ...context, error: 'token_action_mismatch' })
      if (degraded)
        return rules.degraded
          ? acceptLocally({ ...context, degraded })
          : result({ ...context, degraded, error: 'degraded_rejected' })
      if (tokenType === 'offline') return acceptLocally(context)
      return result({ ...context, valid: true })
    },

    async issueServerToken({ action, bindingIp, ttl, maxUses, bindUid }) {
      const failed = (error: ValidateError): IssueResult => ({
        ok: false,
        error,
        serverToken: null,
        expiresIn: null,
        issuedAt: null,
      })
      if (typeof action !== 'string' || !action) return failed('invalid_action')
      const body = { action, binding_ip: bindingIp, ttl, max_uses: maxUses, bind_uid: bindUid }
      const { envelope } = await call(`${base}/v1/server/challenge/issue`, body)
      if (!envelope) return failed('request_failed')
      const data = envelope.data ?? {}
      if (envelope.code !== 0 || typeof data.server_token !== 'string')
        return failed(toValidateError(data.error ?? envelope.msg))
      return {
        ok: true,
        error: null,
        serverToken: data.server_token,
        expiresIn: Number(data.expires_in ?? ttl ?? 300),
        issuedAt: Number(data.issued_at ?? Math.floor(Date.now() / 1000)),
      }
    },
  }
}

// 100 ms, 200 ms, 400 ms... each with up to half again of jitter.
const backoff = (attempt: number) =>
  new Promise((r) => setTimeout(r, 100 * 2 ** attempt * (1 + Math.random() / 2)))
