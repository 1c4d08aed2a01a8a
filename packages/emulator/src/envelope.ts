// Every answer of the service is an envelope (CONTRACT.md section 2). Errors carry their string code in
// `msg` and in `data.error`; the numeric `code` is unpublished upstream, so the emulator uses 1 for all.

export const ok = <T>(data: T) => ({ code: 0, msg: 'ok', data })

export const failure = (error: string, msg: string = error) => ({ code: 1, msg, data: { error } })

/** A client's mistake, answered as an envelope with a 4xx status. */
export class ApiError extends Error {
  constructor(
    readonly error: string,
    readonly status = 400,
    message: string = error,
  ) {
    super(message)
  }
}
