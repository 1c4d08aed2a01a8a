import type { Clock } from '../../core/src/clock'

/** A clock whose time moves only when the test says so. Pass it as the `clock` option of `createCaptcha`. */
export interface TestClock extends Clock {
  /** moves time forward, running every timer that falls due in order, with pending promises settled between */
  advance(ms: number): Promise<void>
  /** moves time forward without running any timer, as when the machine slept */
  jump(ms: number): void
  /** timers not yet run */
  pending(): number
}

interface Timer {
  id: number
  at: number
  callback: () => void
}

// Captured at import, so that a test's fake timers do not stop the clock from settling promises.
const { setImmediate: immediate } = globalThis as { setImmediate?: (callback: () => void) => void }
const nextMacrotask: (callback: () => void) => void = immediate ?? ((callback) => setTimeout(callback, 0))
const settlePromises = () => new Promise<void>((resolve) => nextMacrotask(resolve))

export function createTestClock(startAt = Date.UTC(2026, 0, 1)): TestClock {
  let now = startAt
  let lastId = 0
  let timers: Timer[] = []
  const nextDue = (until: number) =>
    timers.filter((timer) => timer.at <= until).sort((a, b) => a.at - b.at || a.id - b.id)[0]
  return {
    now: () => now,
    setTimeout(callback, ms) {
      const id = ++lastId
      timers.push({ id, at: now + Math.max(0, ms), callback })
      return id
    },
    clearTimeout(handle) {
      timers = timers.filter((timer) => timer.id !== handle)
    },
    async advance(ms) {
      const until = now + ms
      await settlePromises()
      for (let timer = nextDue(until); timer; timer = nextDue(until)) {
        timers = timers.filter((other) => other !== timer)
        now = timer.at
        timer.callback()
        await settlePromises()
      }
      now = until
    },
    jump(ms) {
      now += ms
    },
    pending: () => timers.length,
  }
}
