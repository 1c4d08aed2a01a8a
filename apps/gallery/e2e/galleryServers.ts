import { mkdirSync } from 'node:fs'
import { createBackend, readConfig } from '@captchala/backend-example'
import { type Emulator, startEmulator } from '@captchala/emulator'
import { emulatorControl } from '@captchala/kit-testing/emulator-control'
import { LIVE_REGION_RECORDER, PROBLEMS_LISTENER } from '@captchala/kit-testing/engines'
import { afterAll, afterEach, beforeAll } from 'vitest'
import type { Framework } from '../src/codeSample'

/** A line of the backend's log, as the suites read it. */
export type Log = Record<string, unknown> & {
  event?: string
  requestId?: string
  result?: string
  tokenType?: string
  msg?: string
  req?: { method: string; url: string }
}

/** What the gallery suites run against: a real emulator, and the reference backend serving the built app. */
export interface GalleryServers {
  /** the backend's origin; the app is at `${base}/${framework}/` */
  readonly base: string
  readonly emulator: ReturnType<typeof emulatorControl>
  /** the backend's log since the last `forget()` */
  readonly logs: Log[]
  /** the paths of the scripts the emulator answered since the last `forget()` (a dropped connection is not) */
  readonly scriptsAnswered: string[]
  /** the server SDK's record of each validation, as the backend logs it */
  verifications(): Log[]
  /** the form posts that reached the backend's form endpoints */
  formPosts(): string[]
  forget(): void
  /** where a screenshot of `name` in `engine` goes: test-results/<framework>/<engine>/<name>.png */
  shot(engine: string, name: string): string
}

/** What the backend puts first in every page: the page's problems and what its live regions say. */
const PAGE_RECORDERS = `<script>${PROBLEMS_LISTENER}</script><script>${LIVE_REGION_RECORDER}</script>`

/**
 * Starts the emulator and the backend serving the built app under its strict CSP, with the page's recorders
 * first in every page (nonce'd like the app's own tags), for the suites of one file; stops them after,
 * and puts the emulator's switches back after each test.
 */
export function useGalleryServers(framework: Framework, distDir: string): GalleryServers {
  let emu: Emulator
  let backend: Awaited<ReturnType<typeof createBackend>>
  const logs: Log[] = []
  const scriptsAnswered: string[] = []
  let base = ''
  const servers: GalleryServers = {
    get base() {
      return base
    },
    emulator: emulatorControl(() => emu.url),
    logs,
    scriptsAnswered,
    verifications: () => logs.filter((l) => l.msg === 'captchala' && l.call === 'validate'),
    formPosts: () =>
      logs
        .filter(
          (l) => l.msg === 'incoming request' && l.req?.method === 'POST' && l.req.url.startsWith('/api/'),
        )
        .map((l) => l.req!.url.split('?')[0]!),
    forget() {
      logs.length = 0
      scriptsAnswered.length = 0
    },
    shot(engine, name) {
      const folder = `test-results/${framework}/${engine}`
      mkdirSync(folder, { recursive: true })
      return `${folder}/${name}.png`
    },
  }

  beforeAll(async () => {
    emu = await startEmulator({
      port: 0,
      powDifficulty: 10,
      log: (line) => {
        const { path } = JSON.parse(line) as { path: string }
        if (/\/captchala\.js$/.test(path)) scriptsAnswered.push(path)
      },
    })
    backend = await createBackend(
      readConfig({ CAPTCHALA_BASE_URL: emu.url, PORT: '0', RATE_LIMIT_MAX: '10000' }),
      {
        logger: { level: 'info', stream: { write: (line: string) => logs.push(JSON.parse(line)) } },
        apps: [{ prefix: `/${framework}/`, dir: distDir, headStart: PAGE_RECORDERS }],
      },
    )
    base = await backend.listen({ port: 0, host: '127.0.0.1' })
  })
  afterAll(async () => {
    await backend?.close()
    await emu?.close()
  })
  afterEach(async () => {
    await servers.emulator.reset()
  })
  return servers
}
