import { createHash } from 'node:crypto'
import { EMULATOR_CONTROL } from '@captchala/contract'
import { type Emulator, type EmulatorOptions, startEmulator } from '../src/index'

/** A started emulator and small helpers to talk to it as a site's backend and as the SDK do. */
export async function emulator(options: EmulatorOptions = {}) {
  const emu: Emulator = await startEmulator({ port: 0, seed: 'tests', ...options })
  const post = async (path: string, body: unknown, headers: Record<string, string> = {}) => {
    const res = await fetch(emu.url + path, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    })
    return {
      status: res.status,
      body: (await res.json()) as {
        code: number
        msg: string // biome-ignore lint/suspicious/noExplicitAny: tests read whatever the answer holds
        data: Record<string, any>
      },
    }
  }
  const creds = (appKey = 'demo_app', secret = appKey === 'demo_app' ? 'demo_secret' : 'test_secret') => ({
    'x-app-key': appKey,
    'x-app-secret': secret,
  })
  return {
    ...emu,
    post,
    creds,
    validate: (token: unknown, extra: object = {}, appKey?: string) =>
      post('/v1/validate', { pass_token: token, ...extra }, creds(appKey)),
    mint: async (action = 'login', appKey = 'demo_app', ttl?: number) =>
      (await post(EMULATOR_CONTROL.tokens, { appKey, action, ttl })).body.data.token as string,
    advance: (advanceMs: number) => post(EMULATOR_CONTROL.clock, { advanceMs }),
    faults: (faults: object) => post(EMULATOR_CONTROL.faults, faults),
  }
}

/** Finds the nonce whose SHA-256 with the salt starts with `difficulty` zero bits, as the SDK's worker does. */
export function solvePow({ salt, difficulty }: { salt: string; difficulty: number }) {
  const zeroBits = (hex: string) =>
    Number.parseInt(hex.slice(0, 8), 16).toString(2).padStart(32, '0').indexOf('1')
  let nonce = 0
  while (zeroBits(createHash('sha256').update(salt).update(String(nonce)).digest('hex')) < difficulty) nonce++
  return String(nonce)
}
