import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { readConfig } from './config'
import { createBackend, EXAMPLE_APPS } from './createBackend'
import { runShutdownHooks } from './shutdownHooks'

try {
  const config = readConfig()
  const app = await createBackend(config)
  await app.listen({ port: config.port, host: config.host })
  const address = app.server.address()
  const port = typeof address === 'object' && address ? address.port : config.port
  const origin = `http://${config.host}:${port}`
  console.log(`captchala backend listening on ${origin} (CaptchaLa at ${config.baseUrl})`)
  for (const { prefix, dir } of EXAMPLE_APPS)
    if (existsSync(join(dir, 'index.html'))) console.log(`  gallery: ${origin}${prefix}`)
  const stop = () =>
    app
      .close()
      .then(runShutdownHooks)
      .then(() => process.exit(0))
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
} catch (error) {
  console.error(`captchala backend: ${(error as Error).message}`)
  process.exit(2)
}
