import { startEmulator } from '@captchala/emulator'
import { describeSsrApp } from '@captchala/kit-testing/ssr-app'

// The production build (turbo builds it before this test): Nitro's server under the Node 22 the app installs,
// with the module's emulator set at run time through its NUXT_ variable, as any deployment would set keys.
describeSsrApp({
  name: 'nuxt',
  startEmulator,
  command: (port, emulatorUrl) => ({
    command: 'node_modules/.bin/node',
    args: ['.output/server/index.mjs'],
    env: { PORT: String(port), HOST: '127.0.0.1', NUXT_PUBLIC_CAPTCHALA_EMULATOR: emulatorUrl },
  }),
  ready: /Listening on/,
  loginRoute: 'a server route reading JSON',
  subscribeRoute: 'a server route reading multipart',
})
