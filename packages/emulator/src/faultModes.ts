// The emulator's fault modes, as data: what the switches of `POST /__emulator/faults` and its per-route rules
// may say. A leaf: the modules that apply them import it, it imports none of them.

export const FAULT_MODES = [
  'up',
  'down',
  'error400',
  'error500',
  'html',
  'text200',
  'empty',
  'slow',
  'hang',
] as const
export type FaultMode = (typeof FAULT_MODES)[number]

/**
 * Modes that let the request through and spoil its answer: CaptchaLa did the work (a token validated is
 * spent), the caller never hears of it. `lose` drops the connection instead of answering, `bad-gateway`
 * answers a gateway's 502 page instead.
 */
export const ANSWER_FAULT_MODES = ['lose', 'bad-gateway'] as const
export type AnswerFaultMode = (typeof ANSWER_FAULT_MODES)[number]
export const ROUTE_FAULT_MODES = [...FAULT_MODES, ...ANSWER_FAULT_MODES] as const
export type RouteFaultMode = (typeof ROUTE_FAULT_MODES)[number]

/**
 * One rule, as msw composes handlers: requests to `route` (a path, without its query) meet `fault`, the
 * next `times` of them (every one without `times`). The first rule that names a path wins over the group
 * switches (`main`, `backup`, `scripts`), so `{ route: '/v1/validate', fault: 'up' }` keeps one route up
 * while its group is down. A rule whose `times` are used up is gone.
 */
export interface RouteFault {
  route: string
  fault: RouteFaultMode
  times?: number | undefined
}
