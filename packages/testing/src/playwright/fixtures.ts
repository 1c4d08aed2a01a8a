import { EMULATOR_CONTROL, EMULATOR_CONTROL_PREFIX } from '@captchala/contract'
import { test as base } from '@playwright/test'
import { type AppServerOptions, type RunningAppServer, startAppServer } from './appServer'
import { routeToEmulator } from './routeToEmulator'
import { solvePuzzle } from './solvePuzzle'
import { playByHand, VISITOR_SWITCHES, type Visitor } from './visitors'

/** The app key in your production build and the secret your server is given in tests. */
export interface CaptchalaApp {
  appKey: string
  appSecret: string
}

/** What a project sets in `use` of its `playwright.config.ts`. */
export interface CaptchalaOptions {
  /** required: the emulator takes this key and secret as CaptchaLa does yours */
  captchalaApp: CaptchalaApp | undefined
  /** your server, started per worker against that worker's emulator; its URL becomes `baseURL` */
  appServer: AppServerOptions | undefined
  /** the emulator's port; default 0 (a free one, per worker). Fixed, for a `webServer` your config starts */
  emulatorPort: number
}

/** One request the emulator answered, from the page or from your server. */
export interface EmulatorRequest {
  method: string
  path: string
  status: number
}

/** The emulator's fault switches (`POST /__emulator/faults`; its README has every mode). */
export interface EmulatorFaults {
  main?: string
  backup?: string
  scripts?: string
  latencyMs?: number
  quotaExhausted?: boolean
  risk?: 'app' | 'low' | 'medium' | 'high'
  tokenTtl?: number | null
  routes?: { route: string; fault: string; times?: number }[]
}

/** The `captchala` fixture: who the visitor is, what is broken, and what CaptchaLa was asked. */
export interface CaptchalaFixture {
  /** the worker's emulator; CaptchaLa's CDN hosts are routed to it */
  readonly emulatorUrl: string
  /** who the next visitors are (until the next call): `pass` unless the test says otherwise */
  visitor(next: Visitor): Promise<void>
  /** switches faults, merged with those in force; every test starts with none */
  faults(switches: EmulatorFaults): Promise<void>
  /** solves the `puzzle` visitor's slide puzzle, once it shows */
  solvePuzzle(): Promise<void>
  /** moves the emulator's clock (tokens and challenges expire by it) */
  advanceClock(ms: number): Promise<void>
  /** the requests the emulator answered in this test (the page's and the server's), for `path` when given */
  requests(path?: string): EmulatorRequest[]
}

interface WorkerFixtures extends CaptchalaOptions {
  captchalaEmulator: { url: string; requests: EmulatorRequest[] }
  captchalaAppServer: RunningAppServer | undefined
}

/** What the fixtures use of `@captchala/emulator` (an optional peer dependency). */
interface EmulatorModule {
  startEmulator(options: {
    port: number
    apps: Record<string, { secret: string; tier: 'low' }>
    log: (line: string) => void
  }): Promise<{ url: string; close(): Promise<void> }>
}

// Named through a constant, so that this package neither builds against the emulator nor depends on it: the
// emulator's own tests use the kit's test helpers, which use this package's fakes.
const EMULATOR_PACKAGE = '@captchala/emulator'
const loadEmulator = () => import(EMULATOR_PACKAGE) as Promise<EmulatorModule>

// The README's config names what each half is (the key of the build, the secret the server gets in tests).
const MISSING_APP = 'captchala: set `use: { captchalaApp: { appKey, appSecret } }` in playwright.config.ts'

export const test = base.extend<{ captchala: CaptchalaFixture }, WorkerFixtures>({
  captchalaApp: [undefined, { option: true, scope: 'worker' }],
  appServer: [undefined, { option: true, scope: 'worker' }],
  emulatorPort: [0, { option: true, scope: 'worker' }],

  captchalaEmulator: [
    async ({ captchalaApp, emulatorPort }, use) => {
      if (!captchalaApp) throw new Error(MISSING_APP)
      const requests: EmulatorRequest[] = []
      const { startEmulator } = await loadEmulator()
      const emulator = await startEmulator({
        port: emulatorPort,
        apps: { [captchalaApp.appKey]: { secret: captchalaApp.appSecret, tier: 'low' } },
        log: (line) => {
          const { method, path, status } = JSON.parse(line) as EmulatorRequest
          // the fixture's own calls to the control plane are not what CaptchaLa was asked
          if (!path.startsWith(EMULATOR_CONTROL_PREFIX)) requests.push({ method, path, status })
        },
      })
      await use({ url: emulator.url, requests })
      await emulator.close()
    },
    { scope: 'worker' },
  ],

  captchalaAppServer: [
    async ({ appServer, captchalaEmulator }, use) => {
      const server = appServer ? await startAppServer(appServer, captchalaEmulator.url) : undefined
      await use(server)
      await server?.stop()
    },
    { scope: 'worker' },
  ],

  baseURL: async ({ baseURL, captchalaAppServer }, use) => use(captchalaAppServer?.url ?? baseURL),

  captchala: [
    async ({ context, page, captchalaEmulator, captchalaAppServer }, use, testInfo) => {
      const { url: emulatorUrl } = captchalaEmulator
      const control = (path: string, body: object) =>
        fetch(emulatorUrl + path, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
        }).then((response) => {
          if (!response.ok) throw new Error(`captchala: the emulator refused ${path}: ${response.status}`)
        })
      // Nothing a test switched reaches the next one: every test starts with a healthy emulator and a
      // fresh clock, and its own share of the request log.
      await control(EMULATOR_CONTROL.reset, {})
      captchalaEmulator.requests.length = 0
      const serverLinesBefore = captchalaAppServer?.linesPrinted() ?? 0
      const routing = await routeToEmulator(context, emulatorUrl)
      const inForce = { visitor: 'pass' as Visitor, faults: {} as EmulatorFaults }
      let stopHand = () => {}
      const advanceClock = (advanceMs: number) => control(EMULATOR_CONTROL.clock, { advanceMs })

      await use({
        emulatorUrl,
        async visitor(next) {
          stopHand()
          await control(EMULATOR_CONTROL.faults, VISITOR_SWITCHES[next])
          inForce.visitor = next
          stopHand = playByHand(page, next, advanceClock)
        },
        async faults(switches) {
          await control(EMULATOR_CONTROL.faults, switches)
          inForce.faults = { ...inForce.faults, ...switches }
        },
        solvePuzzle: () => solvePuzzle(page),
        advanceClock,
        requests: (path) =>
          captchalaEmulator.requests.filter((request) => path === undefined || request.path === path),
      })

      stopHand()
      if (testInfo.status !== testInfo.expectedStatus)
        await testInfo.attach('captchala', {
          contentType: 'text/plain',
          body: describeFailure(inForce, routing.refused, captchalaEmulator.requests),
        })
      const serverOutput = captchalaAppServer?.printedSince(serverLinesBefore) ?? []
      if (serverOutput.length > 0 && testInfo.status !== testInfo.expectedStatus)
        await testInfo.attach('app server output', {
          contentType: 'text/plain',
          body: serverOutput.join('\n'),
        })
      if (routing.refused.length > 0)
        throw new Error(
          `captchala: the page asked for hosts that are neither loopback nor CaptchaLa's (refused):\n${routing.refused.join('\n')}`,
        )
    },
    { auto: true },
  ],
})

// Printed under the failed assertion by Playwright's reporters (a text attachment): what the test had set up.
function describeFailure(
  inForce: { visitor: Visitor; faults: EmulatorFaults },
  refused: readonly string[],
  requests: readonly EmulatorRequest[],
) {
  const faults = Object.keys(inForce.faults).length > 0 ? JSON.stringify(inForce.faults) : 'none'
  return [
    `visitor: ${inForce.visitor}`,
    `faults: ${faults}`,
    `refused (not loopback, not CaptchaLa): ${refused.length > 0 ? refused.join(', ') : 'none'}`,
    'emulator requests:',
    ...requests.map(({ method, path, status }) => `  ${method} ${path} ${status}`),
  ].join('\n')
}
