import { connection } from 'next/server'
import { browserConfig } from '../lib/captchala'
import { LoginForm } from './LoginForm'
import { SubscribeForm } from './SubscribeForm'

// A Server Component: rendered on the server for every request (the keys are read at request time), with the
// two client forms inside it. `<Captcha>` renders on the server as its honest initial state, so hydration
// matches.
export default async function Home() {
  await connection()
  const { appKey, scriptSrc } = browserConfig()
  return (
    <main>
      <h1>CaptchaLa with Next.js</h1>
      <p data-testid="rendered-on">Rendered on the server at {new Date().toISOString()}.</p>
      <section>
        <h2>Log in (a Route Handler)</h2>
        <LoginForm appKey={appKey} scriptSrc={scriptSrc} />
      </section>
      <section>
        <h2>Subscribe (a Server Action)</h2>
        <SubscribeForm appKey={appKey} scriptSrc={scriptSrc} />
      </section>
    </main>
  )
}
