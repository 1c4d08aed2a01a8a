// The app's own server in the end-to-end suite: the production build and /api/login, as a small site runs
// them, with @captchala/server reading CAPTCHALA_BASE_URL (and the backup's URL) from its environment.
import { createClient, statusFor, verify } from '@captchala/server'
import express from 'express'

const captchala = createClient({
  appKey: process.env.CAPTCHALA_APP_KEY ?? '',
  appSecret: process.env.CAPTCHALA_APP_SECRET ?? '',
  baseUrl: process.env.CAPTCHALA_BASE_URL,
  backupUrl: process.env.CAPTCHALA_BACKUP_URL,
})

const app = express()
app.post('/api/login', express.json(), async (req, res) => {
  const result = await verify(captchala, req.body, { expectedAction: 'login', clientIp: req.ip })
  if (!result.valid) {
    const { error, category, requestId, tokenId } = result
    return res.status(statusFor(result)).json({ ok: false, error, category, requestId, tokenId })
  }
  res.json({ ok: true })
})
app.get('/api/health', (_req, res) => res.json(captchala.health()))
// The bind quick starts' pages under a policy that blocks CaptchaLa's script, as a strict CSP that forgot its
// host does (e2e/bind-blocked.spec.ts, e2e-firefox.mjs): the visitor must still get an answer.
app.use(['/bind', '/vue-bind'], (_req, res, next) => {
  res.setHeader('content-security-policy', "script-src 'self'")
  next()
})
app.use(express.static(new URL('dist-e2e', import.meta.url).pathname))
app.listen(Number(process.env.PORT ?? 3000), '127.0.0.1')
