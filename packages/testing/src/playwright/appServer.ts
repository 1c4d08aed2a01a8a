import { type ChildProcess, spawn } from 'node:child_process'
import { once } from 'node:events'
import { createServer } from 'node:net'

/** How to start the app's own server for one worker (its `webServer`, made per worker). */
export interface AppServerOptions {
  /** a shell command, as Playwright's `webServer.command` */
  command: string
  /** the folder to run it in; default the current one */
  cwd?: string
  /** more variables; `PORT`, `CAPTCHALA_BASE_URL` and `CAPTCHALA_BACKUP_URL` are set by the fixture */
  env?: Record<string, string>
  /** what must answer (any HTTP status) before tests start; default `/` */
  readyPath?: string
}

export interface RunningAppServer {
  url: string
  /** how many lines the server printed so far (stdout and stderr) */
  linesPrinted(): number
  /** the lines printed since `linesPrinted()` answered `from` (the newest 2,000 at most) */
  printedSince(from: number): string[]
  stop(): Promise<void>
}

/** Lines of output kept: enough for a failed test's report, bounded for a long run. */
const OUTPUT_LINES_KEPT = 2_000
const READY_POLL_MS = 100

export async function startAppServer(
  options: AppServerOptions,
  emulatorUrl: string,
): Promise<RunningAppServer> {
  const port = await freePort()
  const url = `http://127.0.0.1:${port}`
  const child = spawn(options.command, {
    shell: true,
    cwd: options.cwd,
    detached: true, // its own process group, so that stop() ends what the shell started too
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      ...options.env,
      PORT: String(port),
      CAPTCHALA_BASE_URL: emulatorUrl,
      CAPTCHALA_BACKUP_URL: `${emulatorUrl}/api/validate`,
    },
  })
  const output = collectOutput(child)
  const exited = once(child, 'exit')
  const running = () => child.exitCode === null && child.signalCode === null
  const stop = async () => {
    if (!running()) return
    process.kill(-child.pid!, 'SIGTERM')
    await exited
  }
  const ready = await answering(`${url}${options.readyPath ?? '/'}`, running)
  if (!ready)
    throw new Error(
      `captchala: the app server "${options.command}" exited before it answered at ${url}:\n${output.since(0).join('\n')}`,
    )
  return { url, linesPrinted: () => output.printed, printedSince: output.since, stop }
}

function collectOutput(child: ChildProcess) {
  const kept: string[] = []
  const output = {
    printed: 0,
    since: (from: number) => kept.slice(Math.max(0, kept.length - (output.printed - from))),
  }
  const take = (chunk: Buffer) => {
    const lines = chunk.toString('utf8').split('\n').filter(Boolean)
    output.printed += lines.length
    kept.push(...lines)
    kept.splice(0, kept.length - OUTPUT_LINES_KEPT)
  }
  child.stdout?.on('data', take)
  child.stderr?.on('data', take)
  return output
}

// True once `url` answers, false once the server is gone. No deadline of its own: Playwright's fixture
// timeout bounds a server that never answers.
async function answering(url: string, running: () => boolean) {
  while (running()) {
    try {
      await fetch(url, { redirect: 'manual' })
      return true
    } catch {
      await new Promise((resolve) => setTimeout(resolve, READY_POLL_MS))
    }
  }
  return false
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer()
    probe.once('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address()
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0))
    })
  })
}
