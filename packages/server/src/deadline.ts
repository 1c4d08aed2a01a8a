/**
 * Runs `work` with a signal that aborts after `ms` (with the `TimeoutError` `AbortSignal.timeout` gives), and
 * stops that timer as soon as `work` settles. `AbortSignal.timeout` cannot be stopped: at thousands of
 * validations a second, each left a live 5 s timer and its signal behind, which cost the Node transport about
 * a third of its CPU per call (pnpm bench).
 */
export async function withDeadline<T>(ms: number, work: (deadline: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController()
  const timer = setTimeout(() => controller.abort(timeoutError()), ms)
  // A call still waiting must not keep a process alive that has nothing else to do, as with AbortSignal.timeout.
  unref(timer)
  try {
    return await work(controller.signal)
  } finally {
    clearTimeout(timer)
  }
}

const timeoutError = () => new DOMException('The operation was aborted due to timeout', 'TimeoutError')

/** Node's timers keep a process alive unless unref'd; other runtimes' timers have no such method. */
export const unref = (timer: unknown) => (timer as { unref?: () => void }).unref?.()
