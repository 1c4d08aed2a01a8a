// The README's first command: builds the workspace, then runs every package's `serve` script side by side
// (the emulator, the reference backend and the example apps each define one) until Ctrl-C.
import { spawn, spawnSync } from 'node:child_process'
import { readdirSync, readFileSync } from 'node:fs'

const pnpm = ['npx', ['-y', 'pnpm@10.34.9']]
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
if (!servable.length) {
  console.log('start: nothing serves yet. The emulator, the reference backend and the example apps arrive')
  console.log('start: with their issues; until then this builds the packages and stops.')
}
const build = spawnSync(pnpm[0], [...pnpm[1], 'run', 'build'], { stdio: 'inherit' })
if (build.status || !servable.length) process.exit(build.status ?? 1)
const filters = servable.flatMap((name) => ['--filter', name])
const child = spawn(pnpm[0], [...pnpm[1], '--parallel', ...filters, 'run', 'serve'], { stdio: 'inherit' })
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal))
child.on('exit', (code) => process.exit(code ?? 0))
