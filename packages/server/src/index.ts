export {
  type CaptchalaClient,
  type ClientOptions,
  createClient,
  type IssueOptions,
  type IssueResult,
  type Policy,
  type ValidateOptions,
} from './createClient'
export { memoryReplayGuard, type RedisSetNx, type ReplayGuard, redisReplayGuard } from './ReplayGuard'
export {
  type TokenType,
  tokenInfo,
  tokenTypeOf,
  type ValidateError,
  type ValidateResult,
} from './ValidateResult'
export { type VerifyOptions, verify } from './verify'
