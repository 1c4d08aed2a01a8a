/** The emulator's time: the wall clock plus whatever the control plane advanced it by. */
export function createEmulatorClock() {
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

export type EmulatorClock = ReturnType<typeof createEmulatorClock>
