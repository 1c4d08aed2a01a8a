import { createHash, randomBytes } from 'node:crypto'

/**
 * Random bytes for ids, salts and keys: from the OS, or, with a seed, a SHA-256 counter stream so that a run
 * can be replayed (`--seed`). Seeded ids are guessable by design: never use a seed outside tests.
 */
export function createRandom(seed?: string) {
  let counter = 0
  const bytes = (n: number): Buffer => {
    if (seed === undefined) return randomBytes(n)
    const chunks: Buffer[] = []
    for (let have = 0; have < n; have += 32)
      chunks.push(createHash('sha256').update(`${seed}:${counter++}`).digest())
    return Buffer.concat(chunks).subarray(0, n)
  }
  return {
    bytes,
    id: (prefix: string, size = 24) => `${prefix}${bytes(size).toString('base64url')}`,
    /** an integer in [min, max] */
    int: (min: number, max: number) => min + (bytes(4).readUInt32BE() % (max - min + 1)),
  }
}

export type Random = ReturnType<typeof createRandom>
