import { createRoot } from 'react-dom/client'
import { Login } from './Login'
import { LoginWithDevtools } from './LoginWithDevtools'

createRoot(document.getElementById('root')!).render(
  <>
    <Login />
    <LoginWithDevtools />
  </>,
)
