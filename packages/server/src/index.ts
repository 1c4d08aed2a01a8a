// The entry point for runtimes with the Fetch API (edge runtimes, workers, Deno, Bun, browsers' bundlers):
// the client calls CaptchaLa with the runtime's own `fetch`. Node gets `./node` (package.json conditions).
import { type CaptchalaClient, createClientWith } from './createClient'
import type { ClientOptions } from './options'
import { fetchTransport } from './transport'

export * from './exports'

/** A client of CaptchaLa for this server process: one per process, shared by every request. */
export const createClient = (options: ClientOptions): CaptchalaClient =>
  createClientWith(() => fetchTransport(globalThis.fetch), options)
