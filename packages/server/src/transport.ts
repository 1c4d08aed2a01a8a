import { EMULATOR_HEADER } from '@captchala/contract'
import { MAX_ANSWER_BYTES, readCappedText, TOO_LARGE } from './answerLimits'

/** One answer of CaptchaLa, as the upstream reads it, whatever carried it. */
export interface TransportAnswer {
  status: number
  /** the answer carried the local emulator's mark */
  emulated: boolean
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
        location: response.headers.get('location'),
        async json() {
          // CaptchaLa's usual answer: its length said and within the cap, not compressed. `fetch` reads no more
          // than the length it was told, so its own reading is safe, and the cheapest.
          const length = response.headers.get('content-length')
          const plain = !response.headers.has('content-encoding')
          if (plain && length !== null && Number(length) <= MAX_ANSWER_BYTES) return response.json()
          // Counted after decompression: a few hundred KiB of gzip can stand for gigabytes.
          const { text, cut } = await readCappedText(response.body, MAX_ANSWER_BYTES, signal)
          if (cut) throw new Error(TOO_LARGE)
          return JSON.parse(text)
        },
        discard: async () => {
          await response.body?.cancel().catch(() => {})
        },
      }
    },
    close() {},
  }
}
