import { createRoot } from 'react-dom/client'
import { Login } from './Login'

createRoot(document.getElementById('root')!).render(<Login />)
