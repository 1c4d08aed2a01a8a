// Which CaptchaLa the app talks to, decided the same way in the browser plugin, the server util and the
// module's start-up line: the configured one, or (while no app key is set and an emulator URL is) the local
// emulator with its demo app, which passes every visitor without a puzzle.

export const DEVELOPMENT_EMULATOR = 'http://127.0.0.1:8787'
const EMULATOR_APP = { appKey: 'demo_app', appSecret: 'demo_secret' }

export interface PublicCaptchalaConfig {
  appKey: string
  loader: { src?: string | string[]; nonce?: string }
  emulator: string
}

export interface PrivateCaptchalaConfig {
  appSecret: string
  baseUrl: string
  backupUrl: string
  log: boolean
  environment: string
}

export interface ResolvedCaptchalaConfig {
  usesEmulator: boolean
  appKey: string
  appSecret: string
  /** what every `<Captcha>` gets as `loader`; `src` undefined: the kit's default (CaptchaLa's CDN hosts) */
  loader: { src: string | string[] | undefined; nonce: string | undefined }
  baseUrl: string | undefined
  backupUrl: string | undefined
  /** log each verification's record */
  log: boolean
  environment: string | undefined
}

const orUndefined = <T>(value: T | '' | null | undefined) =>
  value === '' || value == null ? undefined : value

export function resolveCaptchalaConfig(
  publicConfig: Partial<PublicCaptchalaConfig>,
  privateConfig: Partial<PrivateCaptchalaConfig> = {},
): ResolvedCaptchalaConfig {
  const emulator = orUndefined(publicConfig.emulator)?.replace(/\/+$/, '')
  const usesEmulator = !publicConfig.appKey && emulator !== undefined
  const records = { log: privateConfig.log !== false, environment: orUndefined(privateConfig.environment) }
  if (usesEmulator)
    return {
      usesEmulator,
      ...records,
      ...EMULATOR_APP,
      loader: {
        src: orUndefined(publicConfig.loader?.src) ?? emulator,
        nonce: orUndefined(publicConfig.loader?.nonce),
      },
      baseUrl: emulator,
      backupUrl: `${emulator}/api/validate`,
    }
  return {
    usesEmulator,
    ...records,
    appKey: publicConfig.appKey ?? '',
    appSecret: privateConfig.appSecret ?? '',
    loader: { src: orUndefined(publicConfig.loader?.src), nonce: orUndefined(publicConfig.loader?.nonce) },
    baseUrl: orUndefined(privateConfig.baseUrl),
    backupUrl: orUndefined(privateConfig.backupUrl),
  }
}

export function describeTarget(config: ResolvedCaptchalaConfig): string {
  return config.usesEmulator
    ? `No app key set: using the CaptchaLa emulator at ${config.baseUrl} with its demo app (start it with \`npx @captchala/emulator\`). Set captchala.appKey / NUXT_PUBLIC_CAPTCHALA_APP_KEY and NUXT_CAPTCHALA_APP_SECRET for CaptchaLa.`
    : `Using CaptchaLa with app key ${config.appKey || '(none: set captchala.appKey or NUXT_PUBLIC_CAPTCHALA_APP_KEY)'}.`
}
