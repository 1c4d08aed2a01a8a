import '@captchala/gallery/gallery.css'
// The visitor's words in every language of the gallery, registered once, at the page's entry.
import '@captchala/gallery/languages'
import { reloadOnStoryChange } from '@captchala/gallery'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './App'

reloadOnStoryChange()
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
)
