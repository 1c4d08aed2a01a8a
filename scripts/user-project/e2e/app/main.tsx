// The React quick start's Login as it ships: a production build, CaptchaLa's real CDN URLs (no loader src).
import { createRoot } from 'react-dom/client'
import { Login } from '../../src/Login'

createRoot(document.getElementById('root')!).render(<Login />)
