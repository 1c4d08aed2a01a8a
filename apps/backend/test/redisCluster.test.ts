import { createHash } from 'node:crypto'
import { startEmulator } from '@captchala/emulator'
import { emulatorControl } from '@captchala/kit-testing/emulator-control'
import { Cluster } from 'ioredis'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { freePort, GENEROUS_DEADLINES, startBackends, startRedisCluster, stopAll, until } from './processes'
import { login, storm } from './storm'

// Three backends on a 3-master Redis Cluster (REDIS_CLUSTER_NODES): the replay guard keeps its meaning on
// it, a master that dies fails only the tokens whose claims it holds, typed, and one that
// restarts empty is noticed (its groups' markers are new) and serves again from the next outage on.

const GROUPS = Array.from({ length: 16 }, (_, n) => n.toString(16))

let emu: Awaited<ReturnType<typeof startEmulator>>
let cluster: Awaited<ReturnType<typeof startRedisCluster>>
let backends: string[] = []
const { faults, mint } = emulatorControl(() => emu.url)

beforeAll(async () => {
  cluster = await startRedisCluster(3, freePort)
  emu = await startEmulator({ port: 0 })
  backends = await startBackends(3, {
    // Generous deadlines: 300 logins at once on a loaded 2-core machine are slow, not broken.
    ...GENEROUS_DEADLINES,
    CAPTCHALA_BASE_URL: emu.url,
    REDIS_CLUSTER_NODES: cluster.nodes,
    RATE_LIMIT_MAX: '100000',
  })
})
afterAll(async () => {
  stopAll()
  await emu?.close()
})

const breakersClosed = async () => {
  for (const backend of backends) {
    const { captchala } = (await fetch(`${backend}/api/health`).then((r) => r.json())) as {
      captchala: Record<string, { state: string }>
    }
    if (!Object.values(captchala).every((breaker) => breaker.state === 'closed')) return false
  }
  return true
}
const endOutage = async () => {
  await faults({ main: 'up', backup: 'up' })
  await until(breakersClosed, 'the probes to see CaptchaLa again')
}
// The group a token's claim falls in, as the server SDK's guard computes it (FNV-1a of the token's SHA-256),
// so the test knows which master holds it.
function groupOf(token: string) {
  const key = createHash('sha256').update(token).digest('hex')
  let hash = 0x811c9dc5
  for (let i = 0; i < key.length; i++) hash = Math.imul(hash ^ key.charCodeAt(i), 0x01000193)
  return GROUPS[(hash >>> 0) % GROUPS.length]!
}

const distinctTokens = (count: number, tag: string) =>
  Array.from({ length: count }, (_, i) => `client_${tag}_${i}_${Math.random().toString(36).slice(2)}`)

it('exactly once on a cluster; a dead master fails its own groups, typed; back after it returns', async () => {
  await faults({ main: 'down', backup: 'down' })
  for (let round = 0; round < 3; round++) {
    expect(await storm(backends, distinctTokens(1, `storm${round}`)[0]!)).toEqual({
      ok: 1,
      replayed: 299,
      unavailable: 0,
      server: 0,
    })
  }

  // The master holding the most groups dies (the groups are spread by their hash tags).
  const homes = await Promise.all(GROUPS.map((group) => cluster.masterOf(`captchala:replay:{${group}}:x`)))
  const victim = [0, 1, 2].sort(
    (a, b) => homes.filter((h) => h === b).length - homes.filter((h) => h === a).length,
  )[0]!
  const victimGroups = homes.filter((home) => home === victim).length
  expect(victimGroups).toBeGreaterThan(0)
  await cluster.kill(victim)
  const during = await Promise.all(
    distinctTokens(40, 'dead').map(async (token, i) => {
      const started = Date.now()
      const answer = await login(backends[i % 3]!, token)
      const home = homes[GROUPS.indexOf(groupOf(token))]
      return { ...answer, ms: Date.now() - started, onDeadMaster: home === victim }
    }),
  )
  // Every answer typed: 503 replay_guard_unavailable exactly where the claim's master died, accepted elsewhere.
  for (const answer of during) {
    expect(answer).toMatchObject(
      answer.onDeadMaster ? { status: 503, error: 'replay_guard_unavailable' } : { status: 200 },
    )
  }
  const refused = during.filter((answer) => answer.status === 503)
  expect(refused.length).toBeGreaterThan(0)
  console.log(
    `cluster: master ${victim} (${victimGroups} of 16 groups) killed; ${refused.length} of ${during.length} client-only logins 503, slowest ${Math.max(...refused.map((a) => a.ms))} ms`,
  )

  // Pass tokens need no Redis: every instance goes on.
  await endOutage()
  for (const backend of backends)
    expect(await login(backend, await mint())).toEqual({ status: 200, error: undefined })

  // The master returns empty: its groups' markers are written again, and the next outage is covered whole.
  await cluster.restart(victim)
  const redis = new Cluster(
    cluster.nodes.split(',').map((node) => ({ host: '127.0.0.1', port: Number(node.split(':')[1]) })),
  )
  await until(
    async () =>
      (await Promise.all(GROUPS.map((g) => redis.get(`captchala:replay:{${g}}:remembered-since`)))).every(
        Boolean,
      ),
    'every group marked again',
  )
  redis.disconnect()
  await faults({ main: 'down', backup: 'down' })
  const tokens = distinctTokens(40, 'back')
  const first = await Promise.all(tokens.map((token, i) => login(backends[i % 3]!, token)))
  expect(first.filter((answer) => answer.status === 200)).toHaveLength(tokens.length)
  const again = await Promise.all(tokens.map((token, i) => login(backends[(i + 1) % 3]!, token)))
  expect(again.every((answer) => answer.status === 403 && answer.error === 'token_replayed')).toBe(true)
  await endOutage()
})

it('rate limits count across instances on the cluster, as on one Redis', async () => {
  const limited = await startBackends(2, {
    CAPTCHALA_BASE_URL: emu.url,
    REDIS_CLUSTER_NODES: cluster.nodes,
    RATE_LIMIT_MAX: '3',
  })
  const statuses: number[] = []
  for (let i = 0; i < 4; i++) {
    statuses.push((await fetch(`${limited[i % 2]}/api/server-token?action=login`)).status)
  }
  expect(statuses).toEqual([200, 200, 200, 429])
})
