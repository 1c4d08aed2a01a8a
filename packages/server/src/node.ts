// The entry point for Node (package.json's `node` condition): the client calls CaptchaLa through a pooled
// keep-alive transport (node:http), a fraction of the CPU of Node's `fetch` per call.
import { type CaptchalaClient, createClientWith } from './createClient'
import { nodeTransport } from './nodeTransport'
import type { ClientOptions } from './options'

export * from './exports'

/** A client of CaptchaLa for this server process: one per process, shared by every request. */
export const createClient = (options: ClientOptions): CaptchalaClient =>
  createClientWith(nodeTransport, options)
