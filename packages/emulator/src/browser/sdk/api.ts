import { type Envelope, envelopeOf, SERVICE_TIMEOUT_MS } from '@captchala/contract'

/** Nothing usable came back: a network failure, a 5xx, a body that is not an envelope. */
export const UNREACHABLE = { unreachable: true } as const

export type ApiAnswer<Data> = Envelope<Data> | typeof UNREACHABLE

/**
 * Posts to the emulator's SDK API (the script's own origin) and reads the envelope, whose `data` is what
 * protocol.ts says that path answers. Never throws.
 */
export async function post<Data>(base: string, path: string, body: object): Promise<ApiAnswer<Data>> {
  let response: Response
  try {
    response = await fetch(base + path, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout?.(SERVICE_TIMEOUT_MS),
    })
  } catch {
    return UNREACHABLE
  }
  if (response.status >= 500) return UNREACHABLE
  try {
    return (envelopeOf(await response.json()) as Envelope<Data> | null) ?? UNREACHABLE
  } catch {
    return UNREACHABLE
  }
}

/** The data of an answer that went through; `null` for a refusal or no answer. */
export const dataOf = <Data>(answer: ApiAnswer<Data>): Data | null =>
  'unreachable' in answer || answer.code !== 0 ? null : (answer.data ?? null)
