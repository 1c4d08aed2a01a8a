// The Vue quick start's Login as it ships: a production build, CaptchaLa's real CDN URLs (no plugin, no src).
import { createApp } from 'vue'
import Login from '../../../vue/Login.vue'

createApp(Login).mount('#app')
