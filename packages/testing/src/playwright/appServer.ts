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
/** How long the server may take to stop after SIGTERM before it is killed. */
const STOP_GRACE_MS = 5_000

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
  const killGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, signal)
    } catch {} // already gone
  }
  // If the worker ends without tearing down (killed, timed out), the server goes with it.
  const killOnExit = () => killGroup('SIGKILL')
  process.once('exit', killOnExit)
  // SIGTERM to the whole group (what the shell started too), SIGKILL after a grace period.
  const stop = async () => {
    process.off('exit', killOnExit)
    if (!running()) return killGroup('SIGKILL')
    killGroup('SIGTERM')
    const grace = setTimeout(() => killGroup('SIGKILL'), STOP_GRACE_MS)
    await exited
    clearTimeout(grace)
    killGroup('SIGKILL')
  }
  const ready = await answering(`${url}${options.readyPath ?? '/'}`, running)
  if (!ready) {
    await stop()
    throw new Error(
      `captchala: the app server "${options.command}" exited before it answered at ${url}:\n${output.since(0).join('\n')}`,
    )
  }
  return { url, linesPrinted: () => output.printed, printedSince: output.since, stop }
}

function collectOutput(child: ChildProcess) {
  const kept: string[] = []
  const output = {
    printed: 0,
    since: (from: number) => kept.slice(Math.max(0, kept.length - (output.printed - from))),
  }
  // Each stream keeps its unfinished last line until the rest of it comes.
  const collect = (stream: NodeJS.ReadableStream | null) => {
    let unfinished = ''
    stream?.setEncoding('utf8')
    stream?.on('data', (chunk: string) => {
      const lines = (unfinished + chunk).split('\n')
      unfinished = lines.pop() ?? ''
      const complete = lines.filter(Boolean)
      output.printed += complete.length
      kept.push(...complete)
      kept.splice(0, kept.length - OUTPUT_LINES_KEPT)
    })
    stream?.on('end', () => {
      if (!unfinished) return
      output.printed++
      kept.push(unfinished)
    })
  }
  collect(child.stdout)
  collect(child.stderr)
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
