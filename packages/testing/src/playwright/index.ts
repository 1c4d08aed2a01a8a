// @captchala/testing/playwright: your app's production build end to end, CaptchaLa routed to the emulator.
export { expect } from '@playwright/test'
export type { AppServerOptions } from './appServer'
export {
  type CaptchalaApp,
  type CaptchalaFixture,
  type CaptchalaOptions,
  type EmulatorFaults,
  type EmulatorRequest,
  test,
} from './fixtures'
export { solvePuzzle } from './solvePuzzle'
export type { Visitor } from './visitors'
