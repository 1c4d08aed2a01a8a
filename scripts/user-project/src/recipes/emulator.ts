// The packed emulator for the recipes' tests: started once per file, its address where ./captchala reads it,
// and pass tokens minted without a browser (what the fake browser SDK then hands out).
import { type Emulator, startEmulator } from '@captchala/emulator'
import { afterAll, beforeAll } from 'vitest'

let emulator: Emulator

export function startEmulatorForFile() {
  beforeAll(async () => {
    emulator = await startEmulator({ port: 0 })
    Object.assign(globalThis, { CAPTCHALA_BASE_URL: emulator.url })
  })
  afterAll(() => emulator.close())
}

export async function mint(action: string): Promise<string> {
  const response = await fetch(`${emulator.url}/__emulator/tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ appKey: 'demo_app', action }),
  })
  return ((await response.json()) as { data: { token: string } }).data.token
}
