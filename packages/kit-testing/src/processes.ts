import { type ChildProcess, spawn } from 'node:child_process'
import { createServer } from 'node:net'

/** Child processes a test file starts; `stopAll` in its afterAll. */
const children = new Set<ChildProcess>()

export const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number }
      server.close(() => resolve(port))
    })
    server.on('error', reject)
  })

/** Starts a process; resolves with the first output that matches `ready` (its first group, if any). */
export function run(command: string, args: string[], env: Record<string, string>, ready: RegExp) {
  const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
  children.add(child)
  child.on('exit', () => children.delete(child))
  const started = new Promise<string>((resolve, reject) => {
    let seen = ''
    const onData = (chunk: Buffer) => {
      seen += chunk
      const match = ready.exec(seen)
      if (match) resolve(match[1] ?? match[0])
    }
    child.stdout!.on('data', onData)
    child.stderr!.on('data', (chunk) => (seen += chunk))
    child.on('exit', (code) => reject(new Error(`${command} exited with ${code}: ${seen.slice(-500)}`)))
  })
  return { child, started }
}

export function stopAll() {
  for (const child of children) child.kill('SIGKILL')
}
