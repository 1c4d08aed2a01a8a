// The recipes' server client, as an app makes it once from its environment (@captchala/server's quick
// start). Here: the emulator's keys, and its address, which the tests set before they import a recipe.
import { createClient } from '@captchala/server'

const { CAPTCHALA_BASE_URL } = globalThis as { CAPTCHALA_BASE_URL?: string }
// Without it the client would ask CaptchaLa itself: a test that imported a recipe too early fails here instead.
if (!CAPTCHALA_BASE_URL) throw new Error('set CAPTCHALA_BASE_URL (the emulator) before importing a recipe')

export const captchala = createClient({
  appKey: 'demo_app',
  appSecret: 'demo_secret',
  baseUrl: CAPTCHALA_BASE_URL,
})
