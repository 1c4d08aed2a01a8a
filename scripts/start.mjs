// The README's first command: builds the workspace, then runs every package's `serve` script side by side
// (the emulator, the reference backend and the example apps each define one) until Ctrl-C or SIGTERM.
import { spawn, spawnSync } from 'node:child_process'
import { readdirSync, readFileSync } from 'node:fs'

// The pnpm that runs this script (`pnpm start`), so no second download; npx only when run another way.
// biome-ignore lint/suspicious/noUndeclaredEnvVars: set by the package manager, not a turbo task input
const execpath = process.env.npm_execpath
const pnpm = execpath?.includes('pnpm') ? [process.execPath, execpath] : ['npx', '-y', 'pnpm@10.34.9']
const run = (args, options) => spawn(pnpm[0], [...pnpm.slice(1), ...args], options)

const servable = ['packages', 'apps'].flatMap((dir) => {
  let names = []
  try {
    names = readdirSync(dir)
  } catch {}
  return names
    .map((name) => JSON.parse(readFileSync(`${dir}/${name}/package.json`, 'utf8')))
    .filter((pkg) => pkg.scripts?.serve)
    .map((pkg) => pkg.name)
})
const build = spawnSync(pnpm[0], [...pnpm.slice(1), 'run', 'build'], { stdio: 'inherit' })
if (build.status) process.exit(build.status)
if (!servable.length) {
  console.log('start: nothing serves yet')
  process.exit(0)
}
// Its own process group, so that one signal reaches every server however deep pnpm nests them.
const child = run(['--parallel', ...servable.flatMap((name) => ['--filter', name]), 'run', 'serve'], {
  stdio: 'inherit',
  detached: true,
})
const stop = (signal) => {
  try {
    process.kill(-child.pid, signal)
  } catch {}
}
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => stop(signal))
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 0 : 1)))
