import { run } from '@captchala/kit-testing/processes'
import { findRedisServer, REDIS_HINT } from '@captchala/kit-testing/system-tools'

export { freePort, run, stopAll } from '@captchala/kit-testing/processes'

/** A redis-server of its own on a loopback port, without persistence: a restart comes back empty. */
export async function startRedis(port: number) {
  const redisServer = findRedisServer()
  if (!redisServer) throw new Error(`No redis-server found: ${REDIS_HINT}`)
  const { child, started } = run(
    redisServer,
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    {},
    /Ready to accept connections/,
  )
  await started
  return child
}

/** `count` backend processes (the built `dist/main.js`) on free ports; resolves with their origins. */
export function startBackends(count: number, env: Record<string, string>) {
  const main = new URL('../dist/main.js', import.meta.url).pathname
  return Promise.all(
    Array.from(
      { length: count },
      () =>
        run(process.execPath, [main], { PORT: '0', APP_ENV: 'test', ...env }, /listening on (http:\/\/\S+)/)
          .started,
    ),
  )
}
