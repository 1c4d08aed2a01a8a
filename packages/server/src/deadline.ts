/**
 * Runs `work` with a signal that aborts after `ms`, and stops that timer as soon as `work` settles.
 * `AbortSignal.timeout` cannot be stopped: at thousands of validations a second, each left a live 5 s timer
 * and its signal behind for the garbage collector, tens of microseconds of CPU per call where a bare request
 * to CaptchaLa costs about fifty.
 */
export async function withDeadline<T>(ms: number, work: (deadline: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController()
  const timer = setTimeout(() => controller.abort(), ms)
  // A call still waiting must not keep a process alive that has nothing else to do, as with AbortSignal.timeout.
  unref(timer)
  try {
    return await work(controller.signal)
  } finally {
    clearTimeout(timer)
  }
}

/**
 * Like `withDeadline`, for work that may not heed its signal (a replay guard's store): rejects at the deadline
 * whatever `work` does, and aborts the signal as soon as the outcome is known too, so that nothing goes on
 * trying for a request already answered.
 */
export function giveUpAfter<T>(ms: number, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController()
  let timer: ReturnType<typeof setTimeout> | undefined
  const gaveUp = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort()
      reject(controller.signal.reason)
    }, ms)
  })
  return Promise.race([work(controller.signal), gaveUp]).finally(() => {
    clearTimeout(timer)
    controller.abort()
  })
}

/** Node's timers keep a process alive unless unref'd; other runtimes' timers have no such method. */
export const unref = (timer: unknown) => (timer as { unref?: () => void }).unref?.()
