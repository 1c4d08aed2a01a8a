/**
 * FIPS 180-4 SHA-256 of a byte array, for pages without WebCrypto (a plain-http page of a non-local host has
 * no `crypto.subtle`). A factory that refers to nothing outside itself: its source is also pasted into the
 * proof-of-work worker, which shares no scope with this script.
 */
export function createSha256(): (message: Uint8Array) => Uint8Array {
  const K = Uint32Array.from(
    '428a2f98 71374491 b5c0fbcf e9b5dba5 3956c25b 59f111f1 923f82a4 ab1c5ed5 d807aa98 12835b01 243185be 550c7dc3 72be5d74 80deb1fe 9bdc06a7 c19bf174 e49b69c1 efbe4786 0fc19dc6 240ca1cc 2de92c6f 4a7484aa 5cb0a9dc 76f988da 983e5152 a831c66d b00327c8 bf597fc7 c6e00bf3 d5a79147 06ca6351 14292967 27b70a85 2e1b2138 4d2c6dfc 53380d13 650a7354 766a0abb 81c2c92e 92722c85 a2bfe8a1 a81a664b c24b8b70 c76c51a3 d192e819 d6990624 f40e3585 106aa070 19a4c116 1e376c08 2748774c 34b0bcb5 391c0cb3 4ed8aa4a 5b9cca4f 682e6ff3 748f82ee 78a5636f 84c87814 8cc70208 90befffa a4506ceb bef9a3f7 c67178f2'
      .split(' ')
      .map((hex) => Number.parseInt(hex, 16)),
  )
  const INITIAL = [
    0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
  ]
  const rotr = (x: number, n: number) => (x >>> n) | (x << (32 - n))
  // Typed arrays of a known length: their reads are numbers (the index checks cannot see that).
  const at = (array: Uint32Array, index: number) => array[index] as number

  return (message) => {
    const length = message.length
    const padded = new Uint8Array(((length + 9 + 63) >> 6) << 6)
    padded.set(message)
    padded[length] = 0x80
    const view = new DataView(padded.buffer)
    view.setUint32(padded.length - 4, length * 8)
    const h = Uint32Array.from(INITIAL)
    const w = new Uint32Array(64)
    for (let block = 0; block < padded.length; block += 64) {
      for (let i = 0; i < 16; i++) w[i] = view.getUint32(block + i * 4)
      for (let i = 16; i < 64; i++) {
        const s0 = rotr(at(w, i - 15), 7) ^ rotr(at(w, i - 15), 18) ^ (at(w, i - 15) >>> 3)
        const s1 = rotr(at(w, i - 2), 17) ^ rotr(at(w, i - 2), 19) ^ (at(w, i - 2) >>> 10)
        w[i] = at(w, i - 16) + s0 + at(w, i - 7) + s1
      }
      // (Defaults only for the type checker: `h` always has eight words.)
      let [a = 0, b = 0, c = 0, d = 0, e = 0, f = 0, g = 0, hh = 0] = h
      for (let i = 0; i < 64; i++) {
        const t1 = hh + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + ((e & f) ^ (~e & g)) + at(K, i) + at(w, i)
        const t2 = (rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c))
        hh = g
        g = f
        f = e
        e = (d + t1) >>> 0
        d = c
        c = b
        b = a
        a = (t1 + t2) >>> 0
      }
      const rounds = [a, b, c, d, e, f, g, hh]
      for (let i = 0; i < 8; i++) h[i] = at(h, i) + (rounds[i] as number)
    }
    const digest = new Uint8Array(32)
    const out = new DataView(digest.buffer)
    for (let i = 0; i < 8; i++) out.setUint32(i * 4, at(h, i))
    return digest
  }
}
