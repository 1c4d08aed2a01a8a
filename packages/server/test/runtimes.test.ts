// The server SDK in the runtimes that are not Node, each resolving the package by its own rules: Bun and Deno
// read package.json's exports with their `bun` and `deno` conditions; for Cloudflare Workers, the bundle that
// wrangler makes (esbuild with the `workerd`, `worker` and `browser` conditions) runs in workerd, the Workers
// runtime itself. Each verifies a pass from a Request against the emulator, is refused the same token again,
// and does both through the runtime's own fetch: no Node transport outside Node, and no bundler warning.
// The three runtimes come from the npm registry (bun, deno, workerd), as devDependencies of this package.

import { execFile } from 'node:child_process'
import { cp, mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { promisify } from 'node:util'
import { startEmulator } from '@captchala/emulator'
import { freePort } from '@captchala/kit-testing/processes'
import { build } from 'esbuild'
import { afterAll, beforeAll, expect, it } from 'vitest'

const run = promisify(execFile)
const PACKAGE_ROOT = resolve(import.meta.dirname, '..')
const binary = (name: string) => join(PACKAGE_ROOT, 'node_modules', '.bin', name)
/** the conditions wrangler bundles a Worker with */
const WORKERS_CONDITIONS = ['workerd', 'worker', 'browser']
/** a runtime's first start (Deno compiles, workerd loads) may be slow on a busy machine: no deadline of ours */
const UNHURRIED = 600_000

const EXPECTED = {
  verified: { valid: true, action: 'login', tokenId: expect.stringMatching(/^[0-9a-z]{10}$/) },
  replayed: { valid: false, error: 'token_already_used', category: 'token' },
  bodyStillThere: true,
  validationsThroughFetch: 2,
}

let emu: Awaited<ReturnType<typeof startEmulator>>
let project: string

beforeAll(async () => {
  emu = await startEmulator({ port: 0 })
  // A project of its own that depends on this package (its built dist), as an app installing it would.
  project = await mkdtemp(join(tmpdir(), 'captchala-runtimes-'))
  await mkdir(join(project, 'node_modules', '@captchala'), { recursive: true })
  await symlink(PACKAGE_ROOT, join(project, 'node_modules', '@captchala', 'server'), 'dir')
  await writeFile(join(project, 'package.json'), JSON.stringify({ type: 'module', private: true }))
  await cp(join(import.meta.dirname, 'runtimes'), project, { recursive: true })
})
afterAll(async () => {
  await emu.close()
  await rm(project, { recursive: true, force: true })
})

const answerOf = (stdout: string) => JSON.parse(stdout.trim().split('\n').at(-1)!)
const env = () => ({ ...process.env, EMULATOR_URL: emu.url, NO_COLOR: '1' })

it(
  'Bun',
  async () => {
    const { stdout } = await run(binary('bun'), ['main.mjs'], { cwd: project, env: env() })
    expect(answerOf(stdout)).toEqual(EXPECTED)
  },
  UNHURRIED,
)

it(
  'Deno',
  async () => {
    const { stdout } = await run(
      binary('deno'),
      ['run', '--allow-env', '--allow-net', '--allow-read', 'main.mjs'],
      {
        cwd: project,
        env: { ...env(), DENO_NO_UPDATE_CHECK: '1', DENO_DIR: join(project, '.deno') },
      },
    )
    expect(answerOf(stdout)).toEqual(EXPECTED)
  },
  UNHURRIED,
)

it(
  'Cloudflare Workers (workerd), bundled as wrangler does',
  async () => {
    const bundle = await build({
      entryPoints: [join(project, 'worker.mjs')],
      bundle: true,
      format: 'esm',
      platform: 'neutral',
      conditions: WORKERS_CONDITIONS,
      mainFields: ['module', 'main'],
      outfile: join(project, 'dist', 'worker.js'),
      logLevel: 'silent',
    })
    expect(bundle.warnings).toEqual([])
    const port = await freePort()
    await writeFile(join(project, 'workerd.capnp'), workerdConfig(port, emu.url))
    const workerd = execFile(binary('workerd'), ['serve', 'workerd.capnp'], { cwd: project })
    try {
      expect(await untilAnswered(`http://127.0.0.1:${port}/`, workerd)).toEqual(EXPECTED)
    } finally {
      workerd.kill()
    }
  },
  UNHURRIED,
)

// workerd's own configuration: the Worker on a loopback port; its outbound network may reach loopback
// addresses (where the emulator is), which workerd refuses by default.
const workerdConfig = (port: number, emulatorUrl: string) => `using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (
  services = [
    (name = "main", worker = .worker),
    (name = "network", network = (allow = ["public", "private", "local"])),
  ],
  sockets = [ (name = "http", address = "127.0.0.1:${port}", http = (), service = "main") ],
);
const worker :Workerd.Worker = (
  modules = [ (name = "worker", esModule = embed "dist/worker.js") ],
  compatibilityDate = "2026-11-01",
  bindings = [ (name = "EMULATOR_URL", text = ${JSON.stringify(emulatorUrl)}) ],
  globalOutbound = "network",
);
`

// Asks until workerd listens (or it exits, which fails the test with its output).
async function untilAnswered(url: string, workerd: ReturnType<typeof execFile>): Promise<unknown> {
  let output = ''
  workerd.stderr?.on('data', (chunk) => {
    output += chunk
  })
  const exited = new Promise<never>((_, reject) =>
    workerd.on('exit', (code) => reject(new Error(`workerd exited (${code}): ${output}`))),
  )
  for (;;) {
    const answer = await Promise.race([fetch(url).catch(() => null), exited])
    if (answer) return answer.json()
    await Promise.race([new Promise((wait) => setTimeout(wait, 100)), exited])
  }
}
