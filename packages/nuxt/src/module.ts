import {
  addComponent,
  addImports,
  addPlugin,
  addServerImports,
  createResolver,
  defineNuxtModule,
  useLogger,
} from '@nuxt/kit'
import { defu } from 'defu'
import { DEVELOPMENT_EMULATOR, describeTarget, resolveCaptchalaConfig } from './runtime/config'

/** The loader's options a config file can hold (the rest, such as `signal`, belong to one widget). */
export interface NuxtLoaderOptions {
  /**
   * one host or script URL, or an ordered list (the first that answers wins); default CaptchaLa's CDN hosts,
   * or the emulator while it is in use. `NUXT_PUBLIC_CAPTCHALA_LOADER_SRC` overrides it
   */
  src?: string | string[] | undefined
  /** the CSP nonce for the script tag, when your pages have one; `NUXT_PUBLIC_CAPTCHALA_LOADER_NONCE` */
  nonce?: string | undefined
}

/** Options of before that moved under `loader`. */
const MOVED_OPTIONS = { scriptSrc: 'loader.src', nonce: 'loader.nonce' }

export interface ModuleOptions {
  /** the public app key (the browser's); `NUXT_PUBLIC_CAPTCHALA_APP_KEY` overrides it at run time */
  appKey?: string | undefined
  /** where and how the browser loads the SDK: `loader` as every binding names it (`<Captcha :loader>`) */
  loader?: NuxtLoaderOptions | undefined
  /** the secret, for the server only; `NUXT_CAPTCHALA_APP_SECRET` overrides it */
  appSecret?: string | undefined
  /** CaptchaLa's API for `verifyCaptcha`; default CaptchaLa's. `NUXT_CAPTCHALA_BASE_URL` overrides it */
  baseUrl?: string | undefined
  /** its backup validation URL; default CaptchaLa's. `NUXT_CAPTCHALA_BACKUP_URL` overrides it */
  backupUrl?: string | undefined
  /**
   * log each `verifyCaptcha` as one JSON line on the console: `@captchala/server`'s record (request id,
   * token id, upstream, category, fix...), never the secret or a token; default `true`.
   * `NUXT_CAPTCHALA_LOG=false` turns it off
   */
  log?: boolean | undefined
  /** this deployment's name in those records (`production`, `staging`...); `NUXT_CAPTCHALA_ENVIRONMENT` overrides it */
  environment?: string | undefined
  /**
   * the local emulator (`captchala-emulator`) to use, with its demo app, while no `appKey` is set; default
   * `http://127.0.0.1:8787` in development (`nuxt dev`), off in production builds. `false`: never.
   * `NUXT_PUBLIC_CAPTCHALA_EMULATOR` overrides it.
   */
  emulator?: string | false | undefined
  /** auto-import `<Captcha>`, `useCaptcha()` and `CaptchaError`; default `true` (`verifyCaptcha` and `statusFor` always are) */
  autoImport?: boolean | undefined
}

export default defineNuxtModule<ModuleOptions>({
  meta: {
    name: '@captchala/nuxt',
    configKey: 'captchala',
    compatibility: { nuxt: '>=3.13.0' },
  },
  defaults: (nuxt) => ({
    appKey: '',
    loader: { src: '', nonce: '' },
    appSecret: '',
    baseUrl: '',
    backupUrl: '',
    log: true,
    environment: '',
    emulator: nuxt.options.dev ? DEVELOPMENT_EMULATOR : false,
    autoImport: true,
  }),
  setup(options, nuxt) {
    const resolver = createResolver(import.meta.url)
    // The flat names of before: an app that still sets them would load the SDK from CaptchaLa's CDN unawares.
    for (const [old, now] of Object.entries(MOVED_OPTIONS)) {
      if (old in options)
        throw new Error(
          `@captchala/nuxt: captchala.${old} is now captchala.${now}, as every binding names it.`,
        )
    }
    // Public values reach the browser; the secret and the API stay in the server's runtime config. Both are
    // runtime config, so NUXT_PUBLIC_CAPTCHALA_* and NUXT_CAPTCHALA_* override them when the server starts.
    nuxt.options.runtimeConfig.public.captchala = defu(nuxt.options.runtimeConfig.public.captchala, {
      appKey: options.appKey ?? '',
      loader: { src: options.loader?.src ?? '', nonce: options.loader?.nonce ?? '' },
      emulator: options.emulator || '',
    })
    nuxt.options.runtimeConfig.captchala = defu(nuxt.options.runtimeConfig.captchala, {
      appSecret: options.appSecret ?? '',
      baseUrl: options.baseUrl ?? '',
      backupUrl: options.backupUrl ?? '',
      log: options.log !== false,
      environment: options.environment ?? '',
    })

    addPlugin(resolver.resolve('./runtime/plugin'))
    const serverUtils = resolver.resolve('./runtime/server/utils/verifyCaptcha')
    addServerImports(['verifyCaptcha', 'statusFor'].map((name) => ({ name, from: serverUtils })))
    if (options.autoImport !== false) {
      const vue = resolver.resolve('./runtime/vue')
      addComponent({ name: 'Captcha', export: 'Captcha', filePath: vue })
      addImports(['useCaptcha', 'CaptchaError', 'visitorMessage'].map((name) => ({ name, from: vue })))
    }

    // Said once, when `nuxt dev` starts: which CaptchaLa this app talks to (a production server says it on its
    // first verification, when its NUXT_ variables are known).
    if (!nuxt.options.dev) return
    const resolved = resolveCaptchalaConfig(
      nuxt.options.runtimeConfig.public.captchala,
      nuxt.options.runtimeConfig.captchala,
    )
    useLogger('@captchala/nuxt').info(describeTarget(resolved))
  },
})

declare module '@nuxt/schema' {
  interface PublicRuntimeConfig {
    captchala: { appKey: string; loader: { src: string | string[]; nonce: string }; emulator: string }
  }
  interface RuntimeConfig {
    captchala: { appSecret: string; baseUrl: string; backupUrl: string; log: boolean; environment: string }
  }
}
