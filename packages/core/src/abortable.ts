import { CaptchaError } from './CaptchaError'

/** Runs `start` unless `signal` already aborted; an abort rejects this caller's promise with `aborted`. */
export function abortable<T>(signal: AbortSignal | undefined, start: () => Promise<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    const abort = () => reject(new CaptchaError('aborted'))
    if (signal?.aborted) return abort()
    signal?.addEventListener('abort', abort)
    start()
      .then(resolve, reject)
      .finally(() => signal?.removeEventListener('abort', abort))
  })
}
