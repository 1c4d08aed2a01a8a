export { type CaptchaDevtoolsElement, DEVTOOLS_TAG, defineCaptchaDevtools } from './CaptchaDevtoolsElement'
export {
  type CaptchaEventSource,
  type CaptchaSources,
  createTrail,
  type HeldToken,
  type ServerVerdict,
  type Trail,
  type TrailRow,
} from './createTrail'
export { describeEvent, type EventDescription, type Tone, tokenShown } from './describeEvent'
