import { EMULATOR_HEADER } from '@captchala/contract'

/** One answer of CaptchaLa, as the upstream reads it, whatever carried it. */
export interface TransportAnswer {
  status: number
  /** the answer carries the local emulator's mark */
  emulated: boolean
  /** the body as JSON; rejects when it is not JSON (cut, empty, a proxy's page) */
  json(): Promise<unknown>
  /** drops the body unread, so its connection can serve the next call */
  discard(): Promise<void>
}

/** How the client sends its calls: the runtime's `fetch`, or a pooled Node transport. */
export interface Transport {
  /** one POST of a JSON body; rejects on a transport failure or when `signal` aborts */
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
 * given to `createClient` (tests, proxies).
 */
export function fetchTransport(send: typeof fetch): Transport {
  return {
    async post(url, body, headers, signal) {
      const response = await send(url, { method: 'POST', headers, body, signal })
      return {
        status: response.status,
        emulated: response.headers.has(EMULATOR_HEADER),
        json: () => response.json(),
        discard: async () => {
          await response.body?.cancel().catch(() => {})
        },
      }
    },
    close() {},
  }
}
