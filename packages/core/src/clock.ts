/**
 * Time as the controller sees it. Injected (the `clock` option) so that tests move time by hand and no
 * global is patched; the default is the browser's own.
 */
export interface Clock {
  /** epoch ms */
  now(): number
  setTimeout(callback: () => void, ms: number): unknown
  clearTimeout(handle: unknown): void
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
}

// Browsers fire a longer timeout at once (the delay overflows 32 bits), so long waits are taken in steps.
export const LONGEST_TIMER_MS = 1_000_000_000
