// The React quick start with `product="bind"` (the button inside <Captcha>), made by userProject.mjs from the
// README's block; the server answers its page with a policy that blocks CaptchaLa's script.
import { createRoot } from 'react-dom/client'
import { Login } from '../../../src/LoginBind'

createRoot(document.getElementById('root')!).render(<Login />)
