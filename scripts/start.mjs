// The README's first command: builds the workspace, then runs every package's `serve` script side by side
// (the emulator and the reference backend, which serves both example apps) until Ctrl-C or SIGTERM.
// `pnpm start` execs it: no shell in between that Ctrl-C would kill and pnpm would report as a failed script.
import { spawn, spawnSync } from 'node:child_process'
import { readdirSync, readFileSync } from 'node:fs'
import { createInterface } from 'node:readline'
import { pnpmCommand as pnpm } from './pnpmCommand.mjs'

const servable = ['packages', 'apps'].flatMap((dir) => {
  let names = []
  try {
    names = readdirSync(dir)
  } catch {}
  return names
    .map((name) => ({
      dir: `${dir}/${name}`,
      ...JSON.parse(readFileSync(`${dir}/${name}/package.json`, 'utf8')),
    }))
    .filter((pkg) => pkg.scripts?.serve)
})
const build = spawnSync(pnpm[0], [...pnpm.slice(1), 'run', 'build'], { stdio: 'inherit' })
if (build.status) process.exit(build.status)
if (!servable.length) {
  console.log('start: nothing serves yet')
  process.exit(0)
}

// The serve scripts run straight from a shell, not through `pnpm run`: a server stopped by Ctrl-C then exits
// quietly instead of being reported as a failed lifecycle script. Each has its own process group, so that a
// signal reaches whatever its script starts, and its lines carry its name, as `pnpm --parallel` does.
let stopping = false
let running = servable.length
const children = servable.map(({ name, dir, scripts }) => {
  const child = spawn(scripts.serve, {
    cwd: dir,
    shell: true,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  for (const [stream, out] of [
    [child.stdout, process.stdout],
    [child.stderr, process.stderr],
  ])
    createInterface({ input: stream }).on('line', (line) => out.write(`${name}: ${line}\n`))
  // 'close', not 'exit': its last lines (why it failed) are written out first.
  child.on('close', (code, signal) => {
    // One server failing takes the others down: a half-started system only misleads.
    if (!stopping) {
      console.error(`start: ${name} exited (${signal ?? code}); stopping the rest`)
      process.exitCode = 1
      stop('SIGTERM')
    }
    if (--running === 0) process.exit()
  })
  return child
})

function stop(signal) {
  stopping = true
  for (const child of children) {
    try {
      process.kill(-child.pid, signal)
    } catch {}
  }
}
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => stop(signal))
