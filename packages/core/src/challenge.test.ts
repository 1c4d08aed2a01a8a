import { createTestClock } from '@captchala/testing'
import { describe, expect, it, vi } from 'vitest'
import { CaptchaError } from './CaptchaError'
import { createChallenge } from './challenge'

// The running challenge on its own; the controller's tests (createCaptcha, bindFlow) cover what its start and
// end mean for the state, the events and a held click.
describe('the running challenge', () => {
  const setup = () => {
    const clock = createTestClock()
    const onTimeout = vi.fn()
    return { clock, onTimeout, challenge: createChallenge(clock, onTimeout) }
  }

  it('begins once: a second begin joins it, and a refresh somebody asks for becomes theirs', () => {
    const { challenge } = setup()
    expect(challenge.running()).toBeUndefined()
    expect(challenge.begin('background', null)).toBe(true)
    expect(challenge.begin('background', null)).toBe(false)
    expect(challenge.running()).toBe('background')
    expect(challenge.begin('requested', null)).toBe(false)
    expect(challenge.running()).toBe('requested')
    // A refresh asked for while a requested challenge runs leaves it requested.
    expect(challenge.begin('background', null)).toBe(false)
    expect(challenge.running()).toBe('requested')
  })

  it('settles everyone waiting once, says whether anyone did, and runs no more', () => {
    const { challenge } = setup()
    const first = vi.fn()
    const second = vi.fn()
    challenge.join(first)
    const stopSecond = challenge.join(second)
    expect(challenge.waited()).toBe(true)
    stopSecond()
    challenge.begin('requested', null)
    expect(challenge.settle('pt_token')).toBe(true)
    expect(first).toHaveBeenCalledExactlyOnceWith('pt_token')
    expect(second).not.toHaveBeenCalled()
    expect(challenge.running()).toBeUndefined()
    expect(challenge.waited()).toBe(false)
    expect(challenge.settle(new CaptchaError('aborted'))).toBe(false)
    expect(first).toHaveBeenCalledTimes(1)
  })

  it('times out an invisible one, and not once it settled or was abandoned', async () => {
    const { clock, onTimeout, challenge } = setup()
    challenge.begin('requested', 1_000)
    await clock.advance(999)
    expect(onTimeout).not.toHaveBeenCalled()
    await clock.advance(1)
    expect(onTimeout).toHaveBeenCalledTimes(1)

    challenge.settle('pt_token')
    challenge.begin('requested', 1_000)
    challenge.settle('pt_token')
    challenge.begin('background', 1_000)
    challenge.abandon()
    await clock.advance(5_000)
    expect(onTimeout).toHaveBeenCalledTimes(1)
  })

  it('keeps its waiters when abandoned: they hear of the next challenge', () => {
    const { challenge } = setup()
    const waiter = vi.fn()
    challenge.join(waiter)
    challenge.begin('requested', null)
    challenge.abandon()
    expect(waiter).not.toHaveBeenCalled()
    expect(challenge.waited()).toBe(true)
    challenge.begin('requested', null)
    challenge.settle('pt_next')
    expect(waiter).toHaveBeenCalledExactlyOnceWith('pt_next')
  })
})
