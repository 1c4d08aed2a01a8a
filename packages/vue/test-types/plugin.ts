import { Captchala } from '@captchala/vue'
import { createApp } from 'vue'

createApp({}).use(Captchala, { appKey: 'k', lang: undefined, loader: { nonce: undefined } })
// Shared options are partial: the key may come with each <Captcha> instead.
createApp({}).use(Captchala, { lang: 'en' })
