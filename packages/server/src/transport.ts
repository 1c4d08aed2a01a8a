import { EMULATOR_HEADER } from '@captchala/contract'
import { MAX_ANSWER_BYTES, readCappedText, TOO_LARGE } from './answerLimits'

/** One answer of CaptchaLa, as the upstream reads it, whatever carried it. */
export interface TransportAnswer {
  status: number
  /** the answer carried the local emulator's mark */
  emulated: boolean
  /**
   * the answer was a redirect that the transport could not hand back as a 3xx (an opaque answer, or a `fetch`
   * that followed it despite `redirect: 'manual'`): a redirect all the same, its `Location` unknown
   */
  redirected: boolean
  /** a redirect's `Location` header as it came, never followed; `null` when there is none */
  location: string | null
  /**
   * the body as JSON, read up to `MAX_ANSWER_BYTES`; rejects when it is not JSON (cut, empty, a proxy's page),
   * past the cap (its connection dropped), or when the call's deadline comes first
   */
  json(): Promise<unknown>
  /** drops the body unread (a 3xx's or a 5xx's), with its connection: what a failing URL sends is never read */
  discard(): Promise<void>
}

/** How the client sends its calls: the runtime's `fetch`, or a pooled Node transport. */
export interface Transport {
  /**
   * one POST of a JSON body, never following a redirect (it would carry the app secret to whatever origin
   * the `Location` names); rejects on a transport failure or when `signal` aborts
   */
  post(
    url: string,
    body: string,
    headers: Record<string, string>,
    signal: AbortSignal,
  ): Promise<TransportAnswer>
  /** frees the connections it keeps */
  close(): void
}

/**
 * The transport of every runtime with the Fetch API (edge runtimes, workers, Deno, Bun), and of any `fetch`
 * given to `createClient` (tests, proxies). `redirect: 'manual'` hands a 3xx back as it is: `fetch` would
 * follow it with every header but `Authorization`, `X-App-Secret` included.
 */
export function fetchTransport(send: typeof fetch): Transport {
  return {
    async post(url, body, headers, signal) {
      const response = await send(url, { method: 'POST', headers, body, signal, redirect: 'manual' })
      return {
        status: response.status,
        emulated: response.headers.has(EMULATOR_HEADER),
        // A `fetch` that hides the redirect (browsers: an opaque answer) or followed it anyway (a wrapper that
        // ignores `redirect`) still answered with one: nothing it says is believed.
        redirected: response.type === 'opaqueredirect' || response.redirected,
        location: response.redirected ? response.url : response.headers.get('location'),
        async json() {
          // Counted after decompression: a few hundred KiB of gzip can stand for gigabytes.
          const { text, cut } = await readCappedText(response.body, MAX_ANSWER_BYTES, signal)
          if (cut) throw new Error(TOO_LARGE)
          return JSON.parse(text)
        },
        // Not awaited: a stream whose cancel never settles cannot hold the call.
        discard: async () => void response.body?.cancel().catch(() => {}),
      }
    },
    close() {},
  }
}
