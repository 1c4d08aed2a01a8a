// One module line; the keys come from NUXT_PUBLIC_CAPTCHALA_APP_KEY and NUXT_CAPTCHALA_APP_SECRET at run time.
// While none is set, this example (development and production alike) talks to the local emulator.
export default defineNuxtConfig({
  modules: ['@captchala/nuxt'],
  captchala: { emulator: 'http://127.0.0.1:8787' },
  compatibilityDate: '2026-11-01',
  devtools: { enabled: false },
  telemetry: false,
  app: { head: { title: 'CaptchaLa with Nuxt', htmlAttrs: { lang: 'en' } } },
})
