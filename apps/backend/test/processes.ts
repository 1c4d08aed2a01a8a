import { mkdtempSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { run } from '@captchala/kit-testing/processes'
import { findRedisServer, REDIS_HINT } from '@captchala/kit-testing/system-tools'
import { Redis } from 'ioredis'

export { freePort, run, stopAll } from '@captchala/kit-testing/processes'

/** A redis-server of its own on a loopback port, without persistence: a restart comes back empty. */
export async function startRedis(port: number, extraArgs: string[] = []) {
  const redisServer = findRedisServer()
  if (!redisServer) throw new Error(`No redis-server found: ${REDIS_HINT}`)
  const { child, started } = run(
    redisServer,
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', ...extraArgs],
    {},
    /Ready to accept connections/,
  )
  await started
  return child
}

/**
 * Deadlines for backends a storm of concurrent logins meets on a busy 2-core machine: the SDK's 5 s per call
 * and 1 s for the replay guard are for production, not for a CI machine running browsers beside them.
 */
export const GENEROUS_DEADLINES = { CAPTCHALA_TIMEOUT_MS: '30000', CAPTCHALA_GUARD_TIMEOUT_MS: '10000' }

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

/**
 * One backend process with OpenTelemetry (`node --import dist/telemetry.js`, as `pnpm start` runs it), on a
 * free port; resolves with its origin.
 */
export function startBackendWithTelemetry(env: Record<string, string>) {
  const main = new URL('../dist/main.js', import.meta.url).pathname
  const telemetry = new URL('../dist/telemetry.js', import.meta.url).pathname
  return run(
    process.execPath,
    ['--import', telemetry, main],
    { PORT: '0', APP_ENV: 'test', ...env },
    /listening on (http:\/\/\S+)/,
  ).started
}

/** Polls `check` every `everyMs` until it is true; a bounded number of times, so a test never hangs. */
export async function until(check: () => Promise<boolean> | boolean, what: string, everyMs = 100) {
  for (let attempt = 0; attempt < 600; attempt++) {
    if (
      await Promise.resolve()
        .then(check)
        .catch(() => false)
    )
      return
    await new Promise((resolve) => setTimeout(resolve, everyMs))
  }
  throw new Error(`gave up waiting: ${what}`)
}

const CLUSTER_SLOTS = 16_384
/** A cluster node also listens on its port + 10000 (the cluster bus). */
const BUS_PORT_OFFSET = 10_000

const canListen = (port: number) =>
  new Promise<boolean>((resolve) => {
    const server = createServer()
    server.once('error', () => resolve(false))
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)))
  })

/** A free port whose cluster bus port is free too. */
async function freeNodePort(freePort: () => Promise<number>) {
  for (let attempt = 0; attempt < 100; attempt++) {
    const port = await freePort()
    if (port + BUS_PORT_OFFSET <= 65_535 && (await canListen(port + BUS_PORT_OFFSET))) return port
    const low = 20_000 + Math.floor(Math.random() * 20_000)
    if ((await canListen(low)) && (await canListen(low + BUS_PORT_OFFSET))) return low
  }
  throw new Error('no free port pair for a cluster node')
}

/**
 * A Redis Cluster of `masters` redis-server processes (no replicas, no persistence), its slots split evenly.
 * A killed master restarts with its node file (same id, same slots) and no data, as one without persistence
 * does. `cluster-require-full-coverage no`: the other masters serve while one is down.
 */
export async function startRedisCluster(masters: number, freePort: () => Promise<number>) {
  const dir = mkdtempSync(join(tmpdir(), 'captchala-redis-cluster-'))
  const ports: number[] = []
  for (let index = 0; index < masters; index++) ports.push(await freeNodePort(freePort))
  const argsOf = (port: number) => [
    '--cluster-enabled',
    'yes',
    '--cluster-config-file',
    join(dir, `nodes-${port}.conf`),
    '--cluster-node-timeout',
    '1000',
    '--cluster-require-full-coverage',
    'no',
    '--dir',
    dir,
  ]
  const children = await Promise.all(ports.map((port) => startRedis(port, argsOf(port))))
  const admin = (port: number) => new Redis({ port, host: '127.0.0.1', lazyConnect: false })
  const share = Math.ceil(CLUSTER_SLOTS / masters)
  for (const [index, port] of ports.entries()) {
    const node = admin(port)
    const first = index * share
    await node.call('CLUSTER', 'ADDSLOTSRANGE', first, Math.min(first + share, CLUSTER_SLOTS) - 1)
    if (index > 0) await node.call('CLUSTER', 'MEET', '127.0.0.1', ports[0]!)
    node.disconnect()
  }
  const stateOk = async (port: number) => {
    const node = admin(port)
    try {
      const info = String(await node.call('CLUSTER', 'INFO'))
      return info.includes('cluster_state:ok') && info.includes(`cluster_known_nodes:${masters}`)
    } finally {
      node.disconnect()
    }
  }
  const allOk = async () => (await Promise.all(ports.map(stateOk))).every(Boolean)
  await until(allOk, 'the cluster to form')
  return {
    nodes: ports.map((port) => `127.0.0.1:${port}`).join(','),
    ports,
    /** which master holds `key` (its index) */
    async masterOf(key: string) {
      const node = admin(ports[0]!)
      try {
        const slot = Number(await node.call('CLUSTER', 'KEYSLOT', key))
        return Math.min(Math.floor(slot / share), masters - 1)
      } finally {
        node.disconnect()
      }
    },
    async kill(index: number) {
      const child = children[index]!
      child.kill('SIGKILL')
      await new Promise((resolve) => child.once('exit', resolve))
    },
    async restart(index: number) {
      children[index] = await startRedis(ports[index]!, argsOf(ports[index]!))
      await until(allOk, 'the restarted master to rejoin')
    },
  }
}
