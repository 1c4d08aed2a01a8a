/**
 * When a call to CaptchaLa may be sent again.
 *
 * Validation consumes the token: once a request may have reached CaptchaLa, a second one can only be told
 * `token_already_used`, and the visitor would be refused as a replayer for our own retry. So a call that
 * consumes is retried only when its request surely never left this machine: the connection was refused, the
 * name did not resolve, the host or network was unreachable, or connecting timed out. A reset on a reused
 * idle keep-alive socket is not among them: it cannot be told from a server or proxy that read the request
 * and closed (the lossy proxy of test/lostAnswers.test.ts does exactly that). After anything else (a
 * reset or closed connection, the deadline while waiting, a gateway's 5xx, a cut or unreadable answer), its
 * answer counts as lost. Calls that consume nothing (a `keep_token` check, issuing, moderation) keep the
 * usual rule: retried after any transport failure or 5xx.
 */

/** Failures that happen before a single byte of the request is written. */
const NEVER_SENT_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
])

/** How deep to look through `cause` and `errors` (undici wraps: TypeError -> Error or AggregateError). */
const MAX_CAUSE_DEPTH = 4

/**
 * Whether a `fetch` rejection proves the request never reached the server. Undici (Node's `fetch`) rejects
 * with `TypeError('fetch failed')` whose `cause` carries the system code; other runtimes may carry none, and
 * a failure without a known code is never taken for one that was not sent.
 */
export function neverSent(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== 'object' || depth > MAX_CAUSE_DEPTH) return false
  const { code, cause, errors } = error as { code?: unknown; cause?: unknown; errors?: unknown }
  if (typeof code === 'string' && NEVER_SENT_CODES.has(code)) return true
  // Happy eyeballs: one refusal per address, all of them in an AggregateError.
  if (Array.isArray(errors) && errors.length > 0) return errors.every((each) => neverSent(each, depth + 1))
  return neverSent(cause, depth + 1)
}

/** The pause before retry number `attemptNo + 1`: 100 ms, 200 ms, 400 ms..., with up to half again of jitter. */
const FIRST_BACKOFF_MS = 100
export const backoffMs = (attemptNo: number, random = Math.random) =>
  FIRST_BACKOFF_MS * 2 ** attemptNo * (1 + random() / 2)
