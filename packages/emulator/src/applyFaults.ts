import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { failure } from './envelope'
import {
  ANSWER_FAULT_MODES,
  type AnswerFaultMode,
  type FaultMode,
  type RouteFault,
  type RouteFaultMode,
} from './faultModes'
import { dropConnection, type Faults, faultGroup } from './faults'

/**
 * The one place the emulator's faults are played, as msw applies its handlers: the switches and the per-route
 * rules are data (`Faults`, set through `POST /__emulator/faults`); these hooks read them on every request. A
 * rule for the route wins over its group's switch; one that spoils the answer lets the route run first.
 */
export function applyFaults(app: FastifyInstance, faults: () => Faults) {
  app.addHook('onRequest', async (request, reply) => {
    const inForce = faults()
    const ruled = takeRouteFault(inForce.routes, request.url.split('?')[0]!)
    if (ruled && spoilLater(request, ruled)) return
    const group = faultGroup(request.url)
    const mode = ruled ?? (group && inForce[group])
    if (mode && !(await playFault(mode, inForce.latencyMs, request, reply))) return reply
  })
  app.addHook('onSend', async (request, reply, payload) => spoilAnswer(request, reply, payload))
}

/** The rule for this path, its use counted; `undefined` when no rule names it. */
function takeRouteFault(rules: RouteFault[], path: string): RouteFaultMode | undefined {
  const index = rules.findIndex((rule) => rule.route === path)
  const rule = rules[index]
  if (!rule) return undefined
  if (rule.times !== undefined && --rule.times <= 0) rules.splice(index, 1)
  return rule.fault
}

const isAnswerFault = (mode: RouteFaultMode): mode is AnswerFaultMode =>
  (ANSWER_FAULT_MODES as readonly string[]).includes(mode)

/** Requests whose answer a rule spoils once the route has done its work. */
const spoiled = new WeakMap<FastifyRequest, AnswerFaultMode>()

/**
 * Remembers a mode that spoils this request's answer, for `spoilAnswer` once the route has run: `true`. Any
 * other mode is played before the route, as the group switches are: `false`.
 */
function spoilLater(request: FastifyRequest, mode: RouteFaultMode): mode is AnswerFaultMode {
  if (!isAnswerFault(mode)) return false
  spoiled.set(request, mode)
  return true
}

/** After the route (in `onSend`): the answer it wrote, lost or replaced as its rule says. */
function spoilAnswer(request: FastifyRequest, reply: FastifyReply, payload: unknown) {
  const mode = spoiled.get(request)
  if (mode === 'lose') {
    dropConnection(request, reply)
    return payload
  }
  if (mode === 'bad-gateway') {
    reply.code(502).type('text/html')
    return '<html><body><h1>502 Bad Gateway</h1></body></html>'
  }
  return payload
}

/** Plays a fault mode before the route; resolves `true` when the request may go on to its handler. */
async function playFault(mode: FaultMode, latencyMs: number, request: FastifyRequest, reply: FastifyReply) {
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
