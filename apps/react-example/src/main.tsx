import '@captchala/gallery/gallery.css'
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
