// The Vue quick start as a new user mounts it: the plugin holds only the loader (where the script comes from);
// each <Captcha> gives its own app-key. Type-checked by vue-tsc (tsconfig.vue.json).
import { Captchala } from '@captchala/vue'
import { createApp } from 'vue'
import Login from './Login.vue'

createApp(Login)
  .use(Captchala, { loader: { src: 'http://127.0.0.1:8787' } })
  .mount('#vue-root')
