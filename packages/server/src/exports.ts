// Everything both entry points (Node, and runtimes with `fetch`) export, `createClient` aside.
export { CATEGORIES, tokenId } from '@captchala/contract'
export {
  type CaptchalaRecord,
  RECORD_CHANNEL,
  type RecordedCall,
  type RecordListener,
  recordsToConsole,
  recordsToLogger,
  type StructuredLogger,
} from './CaptchalaRecord'
export type { CaptchalaClient, CaptchalaHealth } from './createClient'
export type { IssueResult } from './issue'
export type { ModerationError, ModerationInput, ModerationOptions, ModerationResult } from './moderation'
export type { CallOptions, ClientOptions, IssueOptions, ValidateOptions } from './options'
export type { Policy, PolicyOptions, PolicyOverrides } from './policy'
export { memoryReplayGuard, type RedisCommands, type ReplayGuard, redisReplayGuard } from './ReplayGuard'
export {
  DEFAULT_TOKEN_FIELD,
  DEFAULT_TOKEN_HEADER,
  type ReadTokenOptions,
  readCaptchaToken,
  type TokenSource,
} from './readCaptchaToken'
export type { BreakerState, UpstreamHealth } from './upstream'
export {
  type Category,
  statusFor,
  type TokenType,
  tokenInfo,
  tokenTypeOf,
  type ValidateError,
  type ValidateResult,
} from './ValidateResult'
export { type VerifyOptions, verify } from './verify'
