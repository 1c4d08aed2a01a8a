import type { z } from 'zod'
import { ApiError } from './envelope'

/** Validates a request body; a mismatch is the client's mistake, answered with `invalid_request`. */
export function parseBody<S extends z.ZodType>(schema: S, body: unknown): z.infer<S> {
  const result = schema.safeParse(body ?? {})
  if (result.success) return result.data
  const issue = result.error.issues[0]
  throw new ApiError('invalid_request', 400, `${issue?.path.join('.') || 'body'}: ${issue?.message}`)
}
