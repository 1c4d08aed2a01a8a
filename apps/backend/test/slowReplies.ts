import { connect, createServer, type Socket } from 'node:net'

/** A replay guard's claim on the wire: `SET <key> <owner> PX <ms> NX` (markers and rate limits have no PX). */
const CLAIM = /\r\nPX\r\n/i

/**
 * A TCP proxy in front of Redis that holds one chunk of replies in `every` for `delayMs`, keeping their order,
 * as a congested link does. With `cutEvery`, it also closes the connection right after forwarding every
 * `cutEvery`-th chunk of commands that holds a replay claim: the claim lands, its reply never comes. Counts
 * what it held and cut.
 */
export async function startSlowReplies(targetPort: number, { every = 3, delayMs = 400, cutEvery = 0 } = {}) {
  let held = 0
  let cut = 0
  let claims = 0
  const sockets = new Set<Socket>()
  const server = createServer((client) => {
    const upstream = connect(targetPort, '127.0.0.1')
    sockets.add(client).add(upstream)
    let chunks = 0
    // Replies leave in the order they came, each no earlier than its own time (now, or `delayMs` from now
    // when held): one queue and one timer, since timers of different lengths may fire out of order.
    const queue: { chunk: Buffer; at: number }[] = []
    let pumping: ReturnType<typeof setTimeout> | undefined
    const pump = () => {
      pumping = undefined
      while (queue.length && queue[0]!.at <= Date.now()) {
        const { chunk } = queue.shift()!
        if (!client.destroyed) client.write(chunk)
      }
      if (queue.length) pumping = setTimeout(pump, queue[0]!.at - Date.now())
    }
    upstream.on('data', (chunk: Buffer) => {
      chunks++
      const hold = chunks % every === 0
      if (hold) held++
      queue.push({ chunk, at: Date.now() + (hold ? delayMs : 0) })
      if (!pumping) pump()
    })
    client.on('data', (chunk: Buffer) => {
      upstream.write(chunk)
      if (!cutEvery || !CLAIM.test(chunk.toString('latin1'))) return
      claims++
      // Redis has the claim once the bytes are through: the connection goes before its reply can come back.
      if (claims % cutEvery === 0) {
        cut++
        setTimeout(() => client.destroy(), 5)
      }
    })
    const end = () => {
      client.destroy()
      upstream.destroy()
    }
    client.on('error', end).on('close', end)
    upstream.on('error', end).on('close', end)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    port: (server.address() as { port: number }).port,
    held: () => held,
    cut: () => cut,
    close() {
      for (const socket of sockets) socket.destroy()
      server.close()
    },
  }
}
