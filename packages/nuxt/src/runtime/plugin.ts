import { Captchala } from '@captchala/vue'
import { defineNuxtPlugin, useRuntimeConfig } from '#imports'
import { resolveCaptchalaConfig } from './config'

// The options every <Captcha> and useCaptcha() of the app shares: the public key and where the SDK comes from.
export default defineNuxtPlugin((nuxtApp) => {
  const { appKey, loader } = resolveCaptchalaConfig(useRuntimeConfig().public.captchala)
  nuxtApp.vueApp.use(Captchala, { appKey, loader })
})
