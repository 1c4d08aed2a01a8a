import 'server-only'
import { createClient, recordsToConsole } from '@captchala/server'

const EMULATOR = 'http://127.0.0.1:8787'

// Read at request time, so one build serves any environment. The defaults are the local emulator's
// (`pnpm start` runs it on :8787) and its demo app, which passes every visitor invisibly.
export const captchalaConfig = {
  appKey: process.env.CAPTCHALA_APP_KEY || 'demo_app',
  appSecret: process.env.CAPTCHALA_APP_SECRET || 'demo_secret',
  baseUrl: (process.env.CAPTCHALA_BASE_URL || EMULATOR).replace(/\/+$/, ''),
}

/**
 * What the browser needs: the public key (never the secret) and where the SDK script comes from: the emulator
 * while no CaptchaLa is configured, else CaptchaLa's own CDN hosts (the kit's default, `undefined` here).
 */
export const browserConfig = () => ({
  appKey: captchalaConfig.appKey,
  scriptSrc: process.env.CAPTCHALA_SCRIPT_URL || (process.env.CAPTCHALA_BASE_URL ? undefined : EMULATOR),
})

// One client per server process: its circuit breakers remember what it saw of CaptchaLa between requests.
// Each call is logged as one JSON line, its record (request id, token id, upstream, category, fix).
export const captchala = createClient({
  appKey: captchalaConfig.appKey,
  appSecret: captchalaConfig.appSecret,
  baseUrl: captchalaConfig.baseUrl,
  backupUrl: `${captchalaConfig.baseUrl}/api/validate`,
  environment: process.env.NODE_ENV,
  onRecord: recordsToConsole(),
})
