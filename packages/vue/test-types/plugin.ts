import { Captchala } from '@captchala/vue'
import { createApp } from 'vue'

createApp({}).use(Captchala, { appKey: 'k', lang: undefined, loader: { nonce: undefined } })
// @ts-expect-error the plugin needs the app key it shares
createApp({}).use(Captchala, { lang: 'en' })
