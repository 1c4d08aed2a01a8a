import '@captchala/gallery/gallery.css'
import { reloadOnStoryChange } from '@captchala/gallery'
import { createApp } from 'vue'
import App from './App.vue'

reloadOnStoryChange()
createApp(App).mount('#app')
