// The Vue quick start with `product="bind"` (the button in <Captcha>'s slot), made by userProject.mjs from the
// README's block; the server answers its page with a policy that blocks CaptchaLa's script.
import { createApp } from 'vue'
import Login from '../../../vue/LoginBind.vue'

createApp(Login).mount('#app')
