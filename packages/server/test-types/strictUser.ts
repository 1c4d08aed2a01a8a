// Compiles as a user's strict project would (exactOptionalPropertyTypes), against the built package.
import type { IncomingMessage } from 'node:http'
import { createClient } from '@captchala/server'

declare const env: Record<string, string | undefined>
declare const req: IncomingMessage

const client = createClient({
  appKey: 'k',
  appSecret: 's',
  baseUrl: env.CAPTCHALA_BASE_URL,
  backupUrl: env.CAPTCHALA_BACKUP_URL,
  timeoutMs: undefined,
  policy: { offline: undefined, actions: { login: { clientOnly: undefined } } },
})
client.validate('pt_x', {
  clientIp: req.socket.remoteAddress,
  expectedAction: undefined,
  keepToken: undefined,
})
client.issueServerToken({ action: 'login', bindingIp: req.socket.remoteAddress, ttl: undefined })
