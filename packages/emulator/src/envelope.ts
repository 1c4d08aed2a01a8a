import type {
  ChallengeErrorCode,
  MAIN_API_AVAILABLE,
  ModerationInputCode,
  ReinitSdkCode,
  ServiceErrorCode,
} from '@captchala/contract'

// Every answer of the service is an envelope (CONTRACT.md section 2), built by the contract's helpers.
export { failureEnvelope as failure, okEnvelope as ok } from '@captchala/contract'

/** What the emulator answers a request it cannot take at all (not a CaptchaLa code: its own). */
export type RequestErrorCode =
  | 'invalid_request'
  | 'invalid_preflight'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'not_found'
  | 'internal_error'

/** Every code an emulator answer can carry. */
export type AnswerCode =
  | ServiceErrorCode
  | ReinitSdkCode
  | ChallengeErrorCode
  | ModerationInputCode
  | typeof MAIN_API_AVAILABLE
  | RequestErrorCode

/** A client's mistake, answered as an envelope with a 4xx status. */
export class ApiError extends Error {
  constructor(
    readonly error: AnswerCode,
    readonly status = 400,
    message: string = error,
  ) {
    super(message)
  }
}
