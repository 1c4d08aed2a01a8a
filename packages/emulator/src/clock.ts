/** The emulator's time: the wall clock plus whatever the control plane advanced it by. */
export function createClock() {
  let offset = 0
  return {
    now: () => Date.now() + offset,
    advance(ms: number) {
      offset += ms
    },
    reset() {
      offset = 0
    },
  }
}

export type Clock = ReturnType<typeof createClock>
