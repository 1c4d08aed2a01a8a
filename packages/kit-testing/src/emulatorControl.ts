import { EMULATOR_CONTROL } from '@captchala/contract'

/** The emulator's control plane (and its other browser-facing routes), as the kit's server-side tests drive it. */
export function emulatorControl(emulatorUrl: () => string) {
  const post = async (path: string, body: object) =>
    (
      await fetch(emulatorUrl() + path, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      })
    ).json() as Promise<{ data: Record<string, string> }>
  return {
    post,
    /** switches CaptchaLa's faults (`main`, `backup`: `up`, `down`, `hang`...) */
    faults: (faults: object) => post(EMULATOR_CONTROL.faults, faults),
    /** the switches in force */
    readFaults: async () =>
      (
        (await (await fetch(emulatorUrl() + EMULATOR_CONTROL.faults)).json()) as {
          data: Record<string, unknown>
        }
      ).data,
    /** every switch healthy again, and the emulator's memory of tokens and challenges forgotten */
    reset: () => post(EMULATOR_CONTROL.reset, {}),
    /** moves the emulator's clock: tokens and challenges expire by it */
    advanceClock: (advanceMs: number) => post(EMULATOR_CONTROL.clock, { advanceMs }),
    /** a pass token for demo_app, made without a browser */
    mint: async (action = 'login') =>
      (await post(EMULATOR_CONTROL.tokens, { appKey: 'demo_app', action })).data.token!,
  }
}
