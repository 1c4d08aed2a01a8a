import { EMULATOR_HEALTHY_SWITCHES } from '@captchala/contract'
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { Tier } from './apps'
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

/** Every switch healthy and no per-route rule: a new object each time, since a rule's `times` are counted down. */
export const healthy = (): Faults => ({ ...EMULATOR_HEALTHY_SWITCHES, routes: [] })

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
