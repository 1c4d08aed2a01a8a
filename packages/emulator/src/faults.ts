import type { FastifyReply, FastifyRequest } from 'fastify'
import type { Tier } from './apps'
import { failure } from './envelope'
import type { FaultMode, RouteFault } from './faultModes'

/** The switches of `POST /__emulator/faults`. */
export interface Faults {
  /** the main API: `/v1/*` */
  main: FaultMode
  /** the backup: `/api/validate` and the bypass worker `/bypass/*` */
  backup: FaultMode
  /** `/captchala*.js` and `.css` */
  scripts: FaultMode
  /** the delay of `slow` */
  latencyMs: number
  /** the app quota is exhausted: challenges end in `dg_` tokens */
  quotaExhausted: boolean
  /** the risk tier every challenge gets; `app`: each app's own (the test keys') */
  risk: 'app' | Tier
  /** seconds a pass token lives; `null`: the `--token-ttl` the emulator started with */
  tokenTtl: number | null
  /** faults for single routes, first match wins over the switches above (see `RouteFault`) */
  routes: RouteFault[]
}

export const healthy = (): Faults => ({
  main: 'up',
  backup: 'up',
  scripts: 'up',
  latencyMs: 2000,
  quotaExhausted: false,
  risk: 'app',
  tokenTtl: null,
  routes: [],
})

export function faultGroup(url: string): 'main' | 'backup' | 'scripts' | undefined {
  if (url.startsWith('/v1/')) return 'main'
  if (url.startsWith('/api/') || url.startsWith('/bypass/')) return 'backup'
  if (url.startsWith('/captchala')) return 'scripts'
}

/** The main API does not serve (the bypass worker's condition): anything but `up` and `slow`. */
export const mainSwitchedDown = (mode: FaultMode) => mode !== 'up' && mode !== 'slow'

/** Drops the connection without an answer, as a host that is down does. */
export function dropConnection(request: FastifyRequest, reply: FastifyReply) {
  reply.hijack()
  request.raw.socket.destroy()
}

/** Plays a fault mode before the route; resolves `true` when the request may go on to its handler. */
export async function playFault(
  mode: FaultMode,
  latencyMs: number,
  request: FastifyRequest,
  reply: FastifyReply,
) {
  switch (mode) {
    case 'up':
      return true
    case 'slow':
      await new Promise((r) => setTimeout(r, latencyMs))
      return true
    case 'down':
      dropConnection(request, reply)
      return false
    case 'hang':
      // Never answered; the server's close ends the socket.
      reply.hijack()
      return false
    case 'error400':
      // CaptchaLa refusing the form of the request itself (a proxy that rewrote the body, say)
      await reply.code(400).send(failure('invalid_request', 'the request was refused'))
      return false
    case 'error500':
      await reply.code(500).send({ code: 1, msg: 'internal_error', data: {} })
      return false
    case 'html':
      // what an overloaded proxy in front of the API answers
      await reply
        .code(500)
        .type('text/html')
        .send('<html><body><h1>500 Internal Server Error</h1></body></html>')
      return false
    case 'text200':
      await reply.code(200).type('text/plain').send('OK')
      return false
    case 'empty':
      await reply.code(200).type('application/json').send('')
      return false
  }
}
