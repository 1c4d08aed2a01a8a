// A user's project outside the workspace, as a new user would make it: the packages packed (`pnpm pack`) and
// installed from their tarballs with npm, the React and the testing READMEs' quick starts and the server
// README's Express example pasted as they stand, then a strict type check and a Vite build, the quick start's
// Vitest test, the Express server run against the packed emulator (server/server.test.mjs), the READMEs'
// recipes (react-hook-form, useActionState with a Server Action, React Router's action, Hono) run against it
// too (src/recipes), the Vue quick start under a plugin that holds only the loader and the VeeValidate recipe
// (vue/, vue-tsc), Jest tests in ESM and CommonJS (scripts/user-project/jest), and the testing README's
// Playwright suite (its playwright.config.ts and spec, pasted) against production builds of the React and Vue
// quick starts with CaptchaLa's real URLs, two workers each with its own emulator and server (e2e/). Run by
// `pnpm test` after the packages are built.
//   node scripts/userProject.mjs [--keep]     (--keep leaves the project in the temporary folder)
import { execFileSync } from 'node:child_process'
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { FIREFOX_HINT, findChromium, findFirefox } from '../packages/kit-testing/src/systemTools.js'
import { pnpmCommand } from './pnpmCommand.mjs'
import { codeBlockOf, quickStartOf } from './quickStart.mjs'

const ROOT = resolve(import.meta.dirname, '..')
const PACKED = ['core', 'react', 'vue', 'server', 'testing', 'emulator', 'devtools']
const QUICK_STARTS = [
  { readme: 'packages/react/README.md', file: 'src/Login.tsx' },
  { readme: 'packages/testing/README.md', file: 'src/Login.test.tsx' },
  { readme: 'packages/devtools/README.md', file: 'src/LoginWithDevtools.tsx' },
  { readme: 'packages/vue/README.md', file: 'vue/Login.vue' },
]
/** The READMEs' recipes: the block of `readme` that starts with `firstLine`, as `file`; tests beside them run them. */
const RECIPES = [
  ['packages/react/README.md', '// ReactHookFormLogin.tsx', 'src/recipes/ReactHookFormLogin.tsx'],
  ['packages/react/README.md', '// actions.ts', 'src/recipes/actions.ts'],
  ['packages/react/README.md', '// SubscribeForm.tsx', 'src/recipes/SubscribeForm.tsx'],
  ['packages/react/README.md', '// routes/login.tsx', 'src/recipes/login.tsx'],
  ['packages/server/README.md', '// hono.ts', 'src/recipes/hono.ts'],
  ['packages/vue/README.md', '<!-- LoginWithVeeValidate.vue', 'vue/LoginWithVeeValidate.vue'],
  ['packages/testing/README.md', '// playwright.config.ts', 'playwright.config.ts'],
  ['packages/testing/README.md', '// e2e/login.spec.ts', 'e2e/login.spec.ts'],
  ['packages/testing/README.md', '// playwright.webserver.config.ts', 'playwright.webserver.config.ts'],
]
/** Where the end-to-end suite's workers write which emulator and server each test had. */
const WORKER_PAIRS = 'worker-pairs.jsonl'

const project = mkdtempSync(join(tmpdir(), 'captchala-user-project-'))
/** One of the core's fixes, standing for all of them (they come from one table). */
const DEVELOPER_PROSE = 'allow its host in script-src'

const run = (command, args, cwd = project, env = {}) => {
  console.log(`userProject: ${[command, ...args].join(' ')}`)
  execFileSync(command, args, { cwd, stdio: 'inherit', env: { ...process.env, ...env } })
}

try {
  cpSync(join(ROOT, 'scripts/user-project'), project, { recursive: true })
  const tarballs = join(project, 'tarballs')
  mkdirSync(tarballs)
  for (const name of PACKED)
    run(
      pnpmCommand[0],
      [...pnpmCommand.slice(1), 'pack', '--pack-destination', tarballs],
      join(ROOT, 'packages', name),
    )

  // The tarballs as dependencies, and as the version every other package's range resolves to.
  const manifest = JSON.parse(readFileSync(join(project, 'package.json'), 'utf8'))
  for (const tarball of readdirSync(tarballs)) {
    const name = `@captchala/${/^captchala-(\w+)-/.exec(tarball)[1]}`
    manifest.dependencies[name] = `file:tarballs/${tarball}`
    manifest.overrides = { ...manifest.overrides, [name]: `$${name}` }
  }
  writeFileSync(join(project, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`)
  for (const { readme, file } of QUICK_STARTS)
    writeFileSync(join(project, file), quickStartOf(join(ROOT, readme)).code)
  // The React and Vue quick starts again with `product="bind"`, the button inside <Captcha> as the READMEs say
  // for bind: e2e/bind-blocked.spec.ts (Chromium) and e2e-firefox.mjs run them under a policy that blocks the SDK.
  writeBindVariant('src/Login.tsx', 'src/LoginBind.tsx')
  writeBindVariant('vue/Login.vue', 'vue/LoginBind.vue')
  for (const [readme, firstLine, file] of RECIPES)
    writeFileSync(join(project, file), codeBlockOf(join(ROOT, readme), firstLine).code)
  // The same spec against the Vue quick start, served at /vue/.
  const reactSpec = readFileSync(join(project, 'e2e/login.spec.ts'), 'utf8')
  writeFileSync(
    join(project, 'e2e/vue-login.spec.ts'),
    reactSpec.replaceAll("page.goto('/')", "page.goto('/vue/')"),
  )
  writeFileSync(
    join(project, 'server/server.mjs'),
    codeBlockOf(join(ROOT, 'packages/server/README.md'), '// server.mjs').code,
  )

  run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error'])
  run('npm', ['run', 'build'])
  expectNoDevtoolsIn(join(project, 'dist'))
  expectDeveloperProse(join(project, 'dist'), false)
  // `vite build --mode development` still builds for production; NODE_ENV decides (Vite's own rule).
  run('npx', ['vite', 'build', '--outDir', 'dist-development'], project, { NODE_ENV: 'development' })
  expectDeveloperProse(join(project, 'dist-development'), true)
  run('npm', ['run', 'test:vitest'])
  run('npm', ['run', 'test:jest'])
  await runEndToEnd()
  console.log(
    `userProject: the packed packages build and pass Vitest, Jest (ESM and CJS) and Playwright in ${project}`,
  )
} finally {
  if (!process.argv.includes('--keep')) rmSync(project, { recursive: true, force: true })
}

// The testing README's Playwright suite, as a user runs it: type-checked, against a production build whose
// bundle holds CaptchaLa's real CDN URL and no emulator address, in Debian's Chromium, two workers.
async function runEndToEnd() {
  run('npm', ['run', 'typecheck:e2e'])
  run('npm', ['run', 'build:e2e'])
  const bundle = readdirSync(join(project, 'dist-e2e'), { recursive: true })
    .filter((file) => file.endsWith('.js'))
    .map((file) => readFileSync(join(project, 'dist-e2e', file), 'utf8'))
    .join('\n')
  if (!bundle.includes('https://cdn.captcha-cdn.net') || bundle.includes('127.0.0.1'))
    throw new Error('the end-to-end build should hold CaptchaLa`s CDN URL and no loopback address')
  const chromium = findChromium()
  if (!chromium) throw new Error('userProject: no Chromium for the Playwright suite')
  run('npx', ['playwright', 'test', '--reporter=list'], project, {
    CHROMIUM_PATH: chromium,
    WORKER_PAIRS_FILE: join(project, WORKER_PAIRS),
  })
  expectOwnPairPerWorker(join(project, WORKER_PAIRS))
  // The `webServer` form, on free ports instead of the README's 8787 and 3000 (other suites run beside it).
  const config = join(project, 'playwright.webserver.config.ts')
  const [emulatorPort, serverPort] = [await freePort(), await freePort()]
  writeFileSync(
    config,
    readFileSync(config, 'utf8')
      .replaceAll('8787', String(emulatorPort))
      .replaceAll('3000', String(serverPort)),
  )
  run('npx', ['playwright', 'test', '--config', config, '--reporter=list', 'e2e/login.spec.ts'], project, {
    CHROMIUM_PATH: chromium,
  })
  // The bind quick starts under a blocking policy in Firefox too (Playwright drives no distribution's Firefox).
  const firefox = findFirefox()
  if (!firefox) throw new Error(`userProject: no Firefox for the bind pages: ${FIREFOX_HINT}`)
  run('node', ['e2e-firefox.mjs'], project, {
    FIREFOX_PATH: firefox,
    PORT: String(await freePort()),
    CAPTCHALA_APP_KEY: 'your_public_app_key',
    CAPTCHALA_APP_SECRET: 'e2e_secret',
  })
}

// `<Captcha ... product="embed" />` and the "Log in" button after it become `<Captcha ... product="bind">`
// around the button.
function writeBindVariant(from, to) {
  const quickStart = readFileSync(join(project, from), 'utf8')
  const bound = quickStart.replace(
    /<Captcha ([^>]*)product="embed" \/>\n(\s*)(<button>Log in<\/button>)/,
    '<Captcha $1product="bind">\n$2  $3\n$2</Captcha>',
  )
  if (bound === quickStart) throw new Error(`userProject: no embed widget and button to bind in ${from}`)
  writeFileSync(join(project, to), bound)
}

// Each worker had one emulator and one server of its own, and both workers ran tests.
function expectOwnPairPerWorker(file) {
  const pairs = readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line))
  const byWorker = new Map()
  for (const { worker, emulator, server } of pairs) {
    byWorker.set(worker, [...(byWorker.get(worker) ?? []), `${emulator} ${server}`])
  }
  const perWorker = [...byWorker.values()].map((seen) => new Set(seen))
  const emulators = new Set(pairs.map(({ emulator }) => emulator))
  const servers = new Set(pairs.map(({ server }) => server))
  if (byWorker.size < 2 || perWorker.some((seen) => seen.size !== 1))
    throw new Error(`userProject: expected two workers, each with one pair: ${JSON.stringify([...byWorker])}`)
  if (emulators.size !== byWorker.size || servers.size !== byWorker.size)
    throw new Error(`userProject: workers shared an emulator or a server: ${JSON.stringify([...byWorker])}`)
  console.log(`userProject: ${byWorker.size} workers, each with its own emulator and server`)
}

function freePort() {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address()
      probe.close(() => resolve(port))
    })
  })
}

// The devtools quick start renders the panel behind import.meta.env.DEV: the production build must hold none
// of it (the element's tag is in its code and nowhere else).
function expectNoDevtoolsIn(dist) {
  const files = readdirSync(dist, { recursive: true }).filter((file) => /\.(js|css|html)$/.test(file))
  const holding = files.filter((file) =>
    readFileSync(join(dist, file), 'utf8').includes('captchala-devtools'),
  )
  if (holding.length > 0)
    throw new Error(`the production build holds the devtools panel: ${holding.join(', ')}`)
  console.log(`userProject: the production build (${files.length} files) holds no devtools code`)
}

// The core's developer prose (CaptchaError's fixes) is in development builds only: a visitor's bundle carries
// the codes.
function expectDeveloperProse(dist, wanted) {
  const files = readdirSync(dist, { recursive: true }).filter((file) => /\.js$/.test(file))
  const holding = files.some((file) => readFileSync(join(dist, file), 'utf8').includes(DEVELOPER_PROSE))
  if (holding !== wanted)
    throw new Error(
      `the ${wanted ? 'development' : 'production'} build ${holding ? 'holds' : 'lacks'} the fix messages`,
    )
  console.log(
    `userProject: the ${wanted ? 'development' : 'production'} build ${holding ? 'holds' : 'holds no'} fix messages`,
  )
}
