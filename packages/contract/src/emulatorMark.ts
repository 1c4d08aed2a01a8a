// The local emulator marks its answers, so that a server can tell it from CaptchaLa: keys of one sent to the
// other are a configuration mistake that otherwise looks like "CaptchaLa does not know this key".

/** The header on every answer of the emulator, lower-cased; its presence is the mark. */
export const EMULATOR_HEADER = 'x-captchala-emulator'
/** Its value. */
export const EMULATOR_MARK = '@captchala/emulator'

/** The emulator's default app. */
export const EMULATOR_DEMO_APP_KEY = 'demo_app'
/** The emulator's documented test keys all start with it. */
export const EMULATOR_TEST_KEY_PREFIX = 'test_'

/** Whether an app key is one of the emulator's own (`demo_app`, `test_*`), which CaptchaLa does not know. */
export const isEmulatorAppKey = (appKey: string): boolean =>
  appKey === EMULATOR_DEMO_APP_KEY || appKey.startsWith(EMULATOR_TEST_KEY_PREFIX)
