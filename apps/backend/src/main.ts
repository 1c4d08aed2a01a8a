import { readConfig } from './config'
import { createBackend } from './createBackend'

try {
  const config = readConfig()
  const app = await createBackend(config)
  await app.listen({ port: config.port, host: config.host })
  const address = app.server.address()
  const port = typeof address === 'object' && address ? address.port : config.port
  console.log(`captchala backend listening on http://${config.host}:${port} (CaptchaLa at ${config.baseUrl})`)
  const stop = () => app.close().then(() => process.exit(0))
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
} catch (error) {
  console.error(`captchala backend: ${(error as Error).message}`)
  process.exit(2)
}
