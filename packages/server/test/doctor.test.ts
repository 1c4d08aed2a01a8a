import { EMULATOR_CONTROL } from '@captchala/contract'
// captchala-doctor as a user runs it: the built bin in its own process, against the emulator, a stand-in for a
// service that is not the emulator, closed ports, and a tiny page server with the policies a site may send.
// One case (a page over plain http from a public name) runs the doctor in this process, with the page's name
// routed to the loopback page server: tests use loopback addresses only.

import { execFile } from 'node:child_process'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { resolve } from 'node:path'
import { promisify } from 'node:util'
import { startEmulator } from '@captchala/emulator'
import { type HostileUpstream, startHostileUpstream } from '@captchala/kit-testing/hostile-upstream'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runDoctor } from '../src/doctor/doctor'
import type { DoctorReport } from '../src/doctor/report'
import { readSettings } from '../src/doctor/settings'

const BIN = resolve(import.meta.dirname, '../dist/doctor.js')
const SECRET = 'demo_secret'
/** the emulator's other apps share this secret: with demo_app, it is a secret from another app */
const OTHER_APPS_SECRET = 'test_secret'

let emu: Awaited<ReturnType<typeof startEmulator>>
let hostile: HostileUpstream
let standIn: Server
let pages: Server
let closedPort: string
const urlOf = (server: Server) => `http://127.0.0.1:${(server.address() as AddressInfo).port}`

// A service that is not the emulator: refuses every key, without the emulator's mark.
const standInHandler = (_req: unknown, res: import('node:http').ServerResponse) =>
  res
    .writeHead(200, { 'content-type': 'application/json' })
    .end(JSON.stringify({ code: 1, msg: 'invalid_app_key', data: { error: 'invalid_app_key' } }))

// Pages by path: /healthy names its SDK host in the policy, runs the worker from blob: and carries its nonce.
const pagePolicies: Record<string, { header: string; html?: string }> = {
  '/healthy': {
    header: `default-src 'self'; script-src 'nonce-R4nd0M+9=' 'strict-dynamic' {sdk}; style-src 'self' {sdk}; connect-src 'self' {sdk}; worker-src blob:`,
    html: '<meta name="csp-nonce" content="R4nd0M+9="><script nonce="R4nd0M+9=" src="/app.js"></script>',
  },
  // Google's strict policy: no worker-src, so script-src's 'strict-dynamic' lets the SDK start its worker.
  '/strict-dynamic-only': {
    header: `default-src 'self' {sdk}; script-src 'nonce-R4nd0M+9=' 'strict-dynamic'; object-src 'none'`,
    html: '<script nonce="R4nd0M+9=" src="/app.js"></script>',
  },
  // A report-only policy in a meta tag is ignored by browsers, so by the doctor too; the header is empty.
  '/report-only-meta': {
    header: '',
    html: `<meta http-equiv="Content-Security-Policy-Report-Only" content="default-src 'none'">`,
  },
  // Trusted Types enforced: with the kit's policy named, and with only a name of the page's own.
  '/trusted-types': {
    header: `default-src 'self' {sdk}; script-src 'nonce-R4nd0M+9=' 'strict-dynamic'; require-trusted-types-for 'script'; trusted-types captchala`,
    html: '<script nonce="R4nd0M+9=" src="/app.js"></script>',
  },
  '/trusted-types-other': {
    header: `default-src 'self' {sdk}; script-src 'nonce-R4nd0M+9=' 'strict-dynamic'; require-trusted-types-for 'script'; trusted-types mine`,
    html: '<script nonce="R4nd0M+9=" src="/app.js"></script>',
  },
  '/no-sdk-host': { header: "default-src 'self'; worker-src blob:" },
  '/no-blob-worker': { header: `default-src 'self' {sdk}; worker-src 'self'` },
  '/nonce-missing': {
    header: `default-src 'self' {sdk}; script-src 'nonce-R4nd0M+9=' 'strict-dynamic'; worker-src blob:`,
    html: '<script src="/app.js"></script>',
  },
}

beforeAll(async () => {
  emu = await startEmulator({ port: 0 })
  hostile = await startHostileUpstream()
  const listen = (server: Server) =>
    new Promise<Server>((done) => server.listen(0, '127.0.0.1', () => done(server)))
  standIn = await listen(createServer(standInHandler))
  pages = await listen(
    createServer((req, res) => {
      // A page that never ends: the doctor judges what came first.
      if (req.url === '/endless') return endlessPage(res)
      const page = pagePolicies[new URL(req.url ?? '/', 'http://x').pathname]
      if (!page) return res.writeHead(404).end()
      // The page names its SDK script (its loader.src), as a server-rendered config does.
      const script = `${emu.url}/captchala.js`
      const policy = page.header.replaceAll('{sdk}', emu.url)
      res
        .writeHead(200, {
          'content-type': 'text/html',
          ...(policy ? { 'content-security-policy': policy } : {}),
        })
        .end(
          `<!doctype html><html><head>${page.html ?? ''}<script>window.config = { loader: { src: ${JSON.stringify(script)} } }</script></head><body></body></html>`,
        )
    }),
  )
  const closed = await listen(createServer())
  closedPort = urlOf(closed)
  await new Promise((done) => closed.close(done))
})
afterAll(async () => {
  await emu.close()
  await hostile.close()
  standIn.close()
  pages.close()
})

async function endlessPage(res: import('node:http').ServerResponse) {
  res.writeHead(200, { 'content-type': 'text/html' })
  res.write(
    `<!doctype html><html><head><meta http-equiv="Content-Security-Policy" content="default-src 'self'"></head><body>`,
  )
  const filler = `<p>${'x'.repeat(64 * 1024)}</p>`
  while (!res.destroyed) {
    if (!res.write(filler)) await new Promise((resume) => res.once('drain', resume).once('close', resume))
  }
}

interface Run {
  code: number
  stdout: string
  stderr: string
}

async function doctor(args: string[], env: Record<string, string>): Promise<Run> {
  const clean = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !name.startsWith('CAPTCHALA_')),
  )
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [BIN, ...args], {
      env: { ...clean, ...env },
    })
    return { code: 0, stdout, stderr }
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string }
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr }
  }
}

const healthyEnv = () => ({
  CAPTCHALA_APP_KEY: 'demo_app',
  CAPTCHALA_APP_SECRET: SECRET,
  CAPTCHALA_BASE_URL: emu.url,
})

async function jsonRun(args: string[], env: Record<string, string>) {
  const run = await doctor([...args, '--json'], env)
  expect(run.stdout + run.stderr).not.toContain(env.CAPTCHALA_APP_SECRET ?? SECRET)
  return { code: run.code, report: JSON.parse(run.stdout) as DoctorReport }
}

const lineOf = (report: DoctorReport, name: string) =>
  report.checks.find((check) => check.name.startsWith(name))

describe('a healthy setup', () => {
  it('is all green, exits 0, and reads as a checklist without the secret', async () => {
    const run = await doctor(['--page', `${urlOf(pages)}/healthy`], healthyEnv())
    expect(run.code).toBe(0)
    expect(run.stdout).toMatch(/^ok {4}upstream {2}main URL answers: .*\(the local emulator\)$/m)
    expect(run.stdout).toMatch(/^ok {4}loading {3}script-src lets the SDK's script load/m)
    expect(run.stdout).toMatch(/No problem found, 0 warnings \(\d+ ms\)\.$/m)
    expect(run.stdout).not.toContain(SECRET)
  })

  it('in JSON: every check ok, the page names its loader.src', async () => {
    const { code, report } = await jsonRun(['--page', `${urlOf(pages)}/healthy`], healthyEnv())
    expect(code).toBe(0)
    expect(report).toMatchObject({ ok: true, problems: 0, warnings: 0 })
    expect(report.checks.filter((check) => check.verdict !== 'ok')).toEqual([])
    expect(lineOf(report, 'loader.src')?.detail).toContain(`${emu.url}/captchala.js`)
  })

  it("takes 'strict-dynamic' as leave for the worker, and ignores a report-only meta policy", async () => {
    for (const page of ['/strict-dynamic-only', '/report-only-meta']) {
      const { code, report } = await jsonRun(['--page', `${urlOf(pages)}${page}`], healthyEnv())
      expect(report.checks.filter((check) => check.verdict === 'problem')).toEqual([])
      expect(code).toBe(0)
    }
  })

  it('Trusted Types: the captchala policy named is fine; a list without it is a warning with both fixes', async () => {
    const named = await jsonRun(['--page', `${urlOf(pages)}/trusted-types`], healthyEnv())
    expect(named.report.checks.filter((check) => check.verdict !== 'ok')).toEqual([])
    const other = await jsonRun(['--page', `${urlOf(pages)}/trusted-types-other`], healthyEnv())
    expect(other.code).toBe(0)
    expect(lineOf(other.report, 'Trusted Types let the kit load the SDK')).toMatchObject({
      verdict: 'warning',
      detail: expect.stringContaining('(mine) does not name captchala'),
      fix: expect.stringContaining('loader.trustedTypesPolicy'),
    })
  })

  it('looks at a token without consuming it: its action, kind, id and age', async () => {
    const minted = await fetch(`${emu.url}${EMULATOR_CONTROL.tokens}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ appKey: 'demo_app', action: 'login' }),
    }).then((r) => r.json() as Promise<{ data: { token: string } }>)
    const token = minted.data.token
    for (let look = 0; look < 2; look++) {
      const { code, report } = await jsonRun(['--token', token], healthyEnv())
      expect(code).toBe(0)
      expect(lineOf(report, 'the token given')).toMatchObject({
        verdict: 'ok',
        detail: expect.stringMatching(
          /^pass token, id [0-9a-z]{10}: valid for action "login", solved \d+ s ago \(not consumed\)$/,
        ),
      })
      expect(JSON.stringify(report)).not.toContain(token)
    }
  })
})

describe('each problem names itself and its fix, and exits 1', () => {
  // [case, flags, environment, the line that fails, its fix, how many lines fail]
  const cases: Array<[string, () => string[], () => Record<string, string>, string, RegExp, number]> = [
    [
      'a secret from another app',
      () => [],
      () => ({ ...healthyEnv(), CAPTCHALA_APP_SECRET: OTHER_APPS_SECRET }),
      'key and secret are a pair (main)',
      /but not this secret: check appSecret/,
      2,
    ],
    [
      'an unknown key',
      () => [],
      () => ({ ...healthyEnv(), CAPTCHALA_APP_KEY: 'live_4f9a' }),
      'key and secret are a pair (main)',
      /is the local CaptchaLa emulator, which knows only its own apps/,
      2,
    ],
    [
      "the emulator's keys against a service that is not the emulator",
      () => [],
      () => ({ ...healthyEnv(), CAPTCHALA_BASE_URL: urlOf(standIn) }),
      'key and secret are a pair (main)',
      /is the local emulator's, and .* is not the emulator/,
      2,
    ],
    [
      'main down',
      () => ['--backup-url', `${emu.url}/api/validate`],
      () => ({ ...healthyEnv(), CAPTCHALA_BASE_URL: closedPort }),
      'main URL answers',
      /Check the URL and the path from this server/,
      1,
    ],
    [
      'backup down',
      () => ['--backup-url', `${closedPort}/api/validate`],
      healthyEnv,
      'backup URL answers',
      /Check the URL and the path from this server/,
      1,
    ],
    [
      'a main URL that redirects to another origin',
      () => ['--backup-url', `${emu.url}/api/validate`],
      () => ({ ...healthyEnv(), CAPTCHALA_BASE_URL: hostile.baseUrl('redirect-307-elsewhere') }),
      'main URL answers',
      /HTTP 307 to http:\/\/127\.0\.0\.1:\d+, which is not followed.*point CAPTCHALA_BASE_URL there/,
      1,
    ],
    [
      'a backup URL that moved to https://',
      () => ['--backup-url', `${hostile.baseUrl('redirect-301-secure')}/api/validate`],
      healthyEnv,
      'backup URL answers',
      /HTTP 301 to https:\/\/127\.0\.0\.1:\d+, .*Use https:\/\/ in CAPTCHALA_BACKUP_URL/,
      1,
    ],
    [
      'a page whose CSP lacks the SDK host',
      () => ['--page', `${urlOf(pages)}/no-sdk-host`],
      healthyEnv,
      "script-src lets the SDK's script load",
      /^Add http:\/\/127\.0\.0\.1:\d+ to default-src/,
      2,
    ],
    [
      'a page whose CSP lacks worker-src blob:',
      () => ['--page', `${urlOf(pages)}/no-blob-worker`],
      healthyEnv,
      "worker-src lets the SDK's worker start",
      /Add worker-src blob:/,
      1,
    ],
    [
      'a page whose script-src goes by a nonce the page does not carry',
      () => ['--page', `${urlOf(pages)}/nonce-missing`],
      healthyEnv,
      "script-src lets the SDK's script load",
      /loader\.nonce/,
      1,
    ],
  ]
  it.each(cases)('%s', async (_name, args, env, line, fix, failing) => {
    const { code, report } = await jsonRun(args(), env())
    expect(code).toBe(1)
    expect(report.ok).toBe(false)
    const check = lineOf(report, line)
    expect(check).toMatchObject({ verdict: 'problem', fix: expect.stringMatching(fix) })
    // Each URL and each load is judged on its own: a wrong pair fails at both URLs; a policy without the SDK's
    // host refuses its script and its stylesheet.
    expect(report.checks.filter((each) => each.verdict === 'problem')).toHaveLength(failing)
  })
})

it('a page over plain http from a public name: a warning, exit status 0', async () => {
  const pageServer = urlOf(pages)
  const realFetch = globalThis.fetch
  // Answered by the page server, as if shop.example served it (a new Response: no url of its own).
  globalThis.fetch = (async (input: string | URL | Request, init?: RequestInit) => {
    const answer = await realFetch(String(input).replace('http://shop.example', pageServer), init)
    return new Response(answer.body, { status: answer.status, headers: answer.headers })
  }) as typeof fetch
  try {
    const settings = readSettings(['--page', 'http://shop.example/healthy'], healthyEnv())
    if (settings === 'help') throw new Error('unexpected help')
    const report = await runDoctor(settings)
    expect(report).toMatchObject({ ok: true, problems: 0, warnings: 1 })
    expect(lineOf(report, 'secure context')).toMatchObject({
      verdict: 'warning',
      detail: expect.stringContaining('no WebCrypto'),
    })
  } finally {
    globalThis.fetch = realFetch
  }
})

it('a token looked at through a redirecting URL: the redirect named, its body (a passing verdict) not believed', async () => {
  const env = { ...healthyEnv(), CAPTCHALA_BASE_URL: hostile.baseUrl('redirect-302-elsewhere') }
  const { code, report } = await jsonRun(
    ['--token', 'pt_looked_at', '--backup-url', `${emu.url}/api/validate`],
    env,
  )
  expect(code).toBe(1)
  expect(lineOf(report, 'the token given')).toMatchObject({
    verdict: 'problem',
    detail: expect.stringMatching(/HTTP 302, a redirect to http:\/\/127\.0\.0\.1:\d+ \(not followed\)/),
  })
  expect(hostile.seen.filter((request) => request.origin === 'elsewhere')).toEqual([])
})

it('a page that never ends: judged on its first 4 MiB, the doctor ends', async () => {
  const { report } = await jsonRun(['--page', `${urlOf(pages)}/endless`], healthyEnv())
  expect(lineOf(report, 'page answers')?.detail).toContain('the first 4,194,304 bytes; the page went on')
  // Its meta policy, in its head, was read.
  expect(lineOf(report, "script-src lets the SDK's script load")?.verdict).toBe('problem')
})

it('a usage error exits 2 with the usage; --help exits 0', async () => {
  const bad = await doctor(['--page', 'ftp://x'], healthyEnv())
  expect(bad.code).toBe(2)
  expect(bad.stderr).toContain('--page must be an http or https URL')
  const help = await doctor(['--help'], {})
  expect(help.code).toBe(0)
  expect(help.stdout).toContain('CAPTCHALA_APP_SECRET')
})

it('without a key or secret: one problem naming both variables', async () => {
  const { code, report } = await jsonRun([], { CAPTCHALA_BASE_URL: emu.url })
  expect(code).toBe(1)
  expect(report.checks).toEqual([
    expect.objectContaining({
      verdict: 'problem',
      detail: 'CAPTCHALA_APP_KEY and CAPTCHALA_APP_SECRET not set',
    }),
  ])
})
