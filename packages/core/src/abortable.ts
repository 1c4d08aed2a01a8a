import { CaptchaError } from './CaptchaError'

/**
 * Runs `start` unless `signal` already aborted; an abort rejects this caller's promise with `aborted` and
 * runs `onAbort`, so that whatever the caller was waiting on can let go of it.
 */
export function abortable<T>(
  signal: AbortSignal | undefined,
  start: () => Promise<T>,
  onAbort?: () => void,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const abort = () => {
      onAbort?.()
      reject(new CaptchaError('aborted'))
    }
    if (signal?.aborted) return abort()
    signal?.addEventListener('abort', abort)
    start()
      .then(resolve, reject)
      .finally(() => signal?.removeEventListener('abort', abort))
  })
}
