/** A found nonce, or how many were hashed without one (the benchmark's run). */
export type PowResult = { nonce: string } | { hashes: number }

export type PowSolve = (salt: string, difficulty: number, limit?: number) => Promise<PowResult>

/**
 * Proof of work: the first nonce whose SHA-256(salt + nonce) starts with `difficulty` zero bits. WebCrypto
 * where the page has it, else `sha256`. Like `createSha256`, a factory that refers to nothing outside itself:
 * its source is the worker's too.
 */
export function createPowSolver(sha256: (bytes: Uint8Array) => Uint8Array): PowSolve {
  const zeroBits = (bytes: Uint8Array) => {
    let bits = 0
    for (const byte of bytes) {
      if (byte !== 0) return bits + Math.clz32(byte) - 24
      bits += 8
    }
    return bits
  }
  const subtle = globalThis.crypto?.subtle
  const digest = subtle
    ? async (bytes: Uint8Array<ArrayBuffer>) => new Uint8Array(await subtle.digest('SHA-256', bytes))
    : async (bytes: Uint8Array<ArrayBuffer>) => sha256(bytes)
  const encoder = new TextEncoder()
  // Hashed 64 at a time: WebCrypto's digests are promises, and a batch keeps them in flight together.
  const BATCH = 64
  return async (salt, difficulty, limit = Number.POSITIVE_INFINITY) => {
    for (let base = 0; base < limit; base += BATCH) {
      const batch = Array.from({ length: BATCH }, (_, i) => base + i)
      const hashes = await Promise.all(batch.map((n) => digest(encoder.encode(salt + n))))
      const found = hashes.findIndex((hash) => zeroBits(hash) >= difficulty)
      if (found >= 0) return { nonce: String(batch[found]) }
    }
    return { hashes: limit }
  }
}
