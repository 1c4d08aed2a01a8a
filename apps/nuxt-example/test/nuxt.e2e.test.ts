import { startEmulator } from '@captchala/emulator'
import { describeSsrApp } from '@captchala/kit-testing/ssr-app'

// The production build (turbo builds it before this test): Nitro's server under the Node 22 the app installs,
// configured at run time through NUXT_ variables as a deployment is: keys, CaptchaLa's API and the loader's
// host all pointing at the emulator (not the module's emulator mode), so the widget must come from
// `loader.src` (NUXT_PUBLIC_CAPTCHALA_LOADER_SRC) and not from CaptchaLa's CDN.
describeSsrApp({
  name: 'nuxt',
  startEmulator,
  command: (port, emulatorUrl) => ({
    command: 'node_modules/.bin/node',
    args: ['.output/server/index.mjs'],
    env: {
      PORT: String(port),
      HOST: '127.0.0.1',
      NUXT_PUBLIC_CAPTCHALA_APP_KEY: 'demo_app',
      NUXT_CAPTCHALA_APP_SECRET: 'demo_secret',
      NUXT_CAPTCHALA_BASE_URL: emulatorUrl,
      NUXT_CAPTCHALA_BACKUP_URL: `${emulatorUrl}/api/validate`,
      NUXT_PUBLIC_CAPTCHALA_LOADER_SRC: emulatorUrl,
    },
  }),
  ready: /Listening on/,
  loginRoute: 'a server route reading JSON',
  subscribeRoute: 'a server route reading multipart',
})
