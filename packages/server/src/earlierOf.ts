/**
 * A signal that aborts with `deadline` or after `ms`, whichever comes first. `AbortSignal.any` where the
 * runtime has it; the Edge runtime's sandbox has `AbortSignal.timeout` but not `any`.
 */
export function earlierOf(deadline: AbortSignal, ms: number): AbortSignal {
  const timeout = AbortSignal.timeout(ms)
  if (typeof AbortSignal.any === 'function') return AbortSignal.any([deadline, timeout])
  const either = new AbortController()
  const abort = () => either.abort()
  for (const signal of [deadline, timeout]) {
    if (signal.aborted) abort()
    else signal.addEventListener('abort', abort, { once: true })
  }
  return either.signal
}
