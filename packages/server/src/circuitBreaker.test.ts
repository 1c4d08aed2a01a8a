import { afterEach, beforeEach, expect, it, vi } from 'vitest'
import { BreakerOpen, createBreaker } from './circuitBreaker'

beforeEach(() => vi.useFakeTimers())
afterEach(() => vi.useRealTimers())

const fails = () => Promise.reject(new Error('no answer'))

it('opens after the failures in a row, refuses while cooling down, then lets one call test the URL', async () => {
  const onOpen = vi.fn()
  const breaker = createBreaker({ failuresToOpen: 2, cooldownMs: 1_000, onOpen })
  await expect(breaker.execute(fails)).rejects.toThrow('no answer')
  await expect(breaker.execute(async () => 'ok')).resolves.toBe('ok') // a success resets the count
  await expect(breaker.execute(fails)).rejects.toThrow('no answer')
  expect(breaker.state).toBe('closed')
  await expect(breaker.execute(fails)).rejects.toThrow('no answer')
  expect(breaker.state).toBe('open')
  expect(onOpen).toHaveBeenCalledTimes(1)
  const untouched = vi.fn(async () => 'ok')
  await expect(breaker.execute(untouched)).rejects.toBeInstanceOf(BreakerOpen)
  expect(untouched).not.toHaveBeenCalled()

  vi.advanceTimersByTime(1_000)
  let answer!: (value: string) => void
  const test = breaker.execute(() => new Promise<string>((resolve) => (answer = resolve)))
  expect(breaker.state).toBe('half-open')
  await expect(breaker.execute(untouched)).rejects.toBeInstanceOf(BreakerOpen)
  answer('ok')
  await expect(test).resolves.toBe('ok')
  expect(breaker.state).toBe('closed')
})

it('a failed test opens it again, and says so', async () => {
  const onOpen = vi.fn()
  const breaker = createBreaker({ failuresToOpen: 1, cooldownMs: 1_000, onOpen })
  await expect(breaker.execute(fails)).rejects.toThrow()
  vi.advanceTimersByTime(1_000)
  await expect(breaker.execute(fails)).rejects.toThrow('no answer')
  expect(breaker.state).toBe('open')
  expect(onOpen).toHaveBeenCalledTimes(2)
})
