import { startEmulator } from '@captchala/emulator'
import { describeSsrApp } from '@captchala/kit-testing/ssr-app'

// The production build (turbo builds it before this test), started as `next start` would be in production.
describeSsrApp({
  name: 'next',
  startEmulator,
  command: (port, emulatorUrl) => ({
    command: process.execPath,
    args: ['node_modules/next/dist/bin/next', 'start', '--port', String(port), '--hostname', '127.0.0.1'],
    env: { CAPTCHALA_BASE_URL: emulatorUrl, CAPTCHALA_SCRIPT_URL: emulatorUrl, NEXT_TELEMETRY_DISABLED: '1' },
  }),
  ready: /Ready in/,
  loginRoute: 'a Route Handler',
  subscribeRoute: 'a Server Action',
})
