import type { FastifyReply, FastifyRequest } from 'fastify'
import { ANSWER_FAULT_MODES, type AnswerFaultMode, type RouteFault, type RouteFaultMode } from './faultModes'
import { dropConnection } from './faults'

/** The rule for this path, its use counted; `undefined` when no rule names it. */
export function takeRouteFault(rules: RouteFault[], path: string): RouteFaultMode | undefined {
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
export function spoilLater(request: FastifyRequest, mode: RouteFaultMode): mode is AnswerFaultMode {
  if (!isAnswerFault(mode)) return false
  spoiled.set(request, mode)
  return true
}

/** After the route (in `onSend`): the answer it wrote, lost or replaced as its rule says. */
export function spoilAnswer(request: FastifyRequest, reply: FastifyReply, payload: unknown) {
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
