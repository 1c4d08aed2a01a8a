import '@captchala/gallery/gallery.css'
// The visitor's words in every language of the gallery, registered once, at the page's entry.
import '@captchala/gallery/languages'
import { reloadOnStoryChange } from '@captchala/gallery'
import { createApp } from 'vue'
import App from './App.vue'

reloadOnStoryChange()
createApp(App).mount('#app')
