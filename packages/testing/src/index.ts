export { createTestClock, type TestClock } from './createTestClock'
export {
  type ChallengeOutcome,
  type ChallengeOutcomeName,
  createFakeCaptchala,
  type FakeCaptchala,
  type FakeCaptchalaOptions,
  type FakeWidget,
  installFakeCaptchala,
} from './fakeCaptchala'
