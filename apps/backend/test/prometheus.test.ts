import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { isDeepStrictEqual } from 'node:util'
import { startEmulator } from '@captchala/emulator'
import { emulatorControl } from '@captchala/kit-testing/emulator-control'
import { findPrometheus, findPromtool, PROMETHEUS_HINT } from '@captchala/kit-testing/system-tools'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { parse, stringify } from 'yaml'
import { freePort, run, startBackendWithTelemetry, stopAll, until } from './processes'

// The reference backend's metrics as a fleet reads them: a real Prometheus (Debian's, its own instance on a
// loopback port) scrapes METRICS_PORT while logins of each kind run, and a test copy of the alert for an
// unreachable CaptchaLa (a 30 s window, no `for:`) is raised by an outage made with the emulator's switch.

const OBSERVABILITY = new URL('../observability/', import.meta.url).pathname
const ALERTS = join(OBSERVABILITY, 'alerts.yml')
const prometheus = findPrometheus()
const promtool = findPromtool()
if (!prometheus || !promtool) throw new Error(`No Prometheus found: ${PROMETHEUS_HINT}`)

/** A `ready` pattern no output matches. */
const NO_LINE = /(?!)/

let emu: Awaited<ReturnType<typeof startEmulator>>
let backend: string
let prometheusUrl: string
const { faults, mint } = emulatorControl(() => emu.url)

beforeAll(async () => {
  emu = await startEmulator({ port: 0 })
  const metricsPort = await freePort()
  backend = await startBackendWithTelemetry({
    CAPTCHALA_BASE_URL: emu.url,
    METRICS_PORT: String(metricsPort),
    RATE_LIMIT_MAX: '100000',
  })
  const folder = mkdtempSync(join(tmpdir(), 'captchala-prometheus-'))
  writeFileSync(join(folder, 'live-alerts.yml'), stringify(liveCopyOfUnreachable()))
  writeFileSync(
    join(folder, 'prometheus.yml'),
    stringify({
      global: { scrape_interval: '1s', evaluation_interval: '1s' },
      rule_files: ['live-alerts.yml'],
      scrape_configs: [{ job_name: 'backend', static_configs: [{ targets: [`127.0.0.1:${metricsPort}`] }] }],
    }),
  )
  const port = await freePort()
  prometheusUrl = `http://127.0.0.1:${port}`
  // Started through `run` so that stopAll ends it; it logs to stderr, so it is asked over HTTP when ready.
  run(
    prometheus,
    [
      `--config.file=${join(folder, 'prometheus.yml')}`,
      `--storage.tsdb.path=${join(folder, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
    ],
    {},
    NO_LINE,
  ).started.catch(() => {})
  await until(async () => (await fetch(`${prometheusUrl}/-/ready`)).ok, 'Prometheus ready')
})

afterAll(async () => {
  stopAll()
  await emu?.close()
})

/** The CaptchaLa-unreachable rule as shipped, with a window a test can wait for and no `for:`. */
function liveCopyOfUnreachable() {
  const { groups } = parse(readFileSync(ALERTS, 'utf8')) as {
    groups: { rules: { alert: string; expr: string; for?: string }[] }[]
  }
  const rule = groups.flatMap((group) => group.rules).find((r) => r.alert === 'CaptchalaUnreachable')
  if (!rule) throw new Error('alerts.yml has no CaptchalaUnreachable rule')
  return {
    groups: [
      {
        name: 'live',
        rules: [
          {
            ...rule,
            alert: 'CaptchalaUnreachableLive',
            expr: rule.expr.replaceAll('[5m]', '[30s]'),
            for: '0s',
          },
        ],
      },
    ],
  }
}

const login = async (token: string) =>
  (
    await fetch(`${backend}/api/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'a@b.c', captchala_token: token }),
    })
  ).status

async function query(promql: string) {
  const url = `${prometheusUrl}/api/v1/query?query=${encodeURIComponent(promql)}`
  const body = (await (await fetch(url)).json()) as {
    data: { result: { metric: Record<string, string>; value: [number, string] }[] }
  }
  return body.data.result
}

/** What Prometheus holds now: the calls counted, by category. */
async function callsByCategory() {
  const counts: Record<string, number> = {}
  for (const { metric, value } of await query('sum by (captchala_category) (captchala_calls_total)'))
    counts[metric.captchala_category ?? ''] = Number(value[1])
  return counts
}

/** Waits until Prometheus scraped `expected`: polled, each poll's answer a fresh query. */
async function scraped(expected: Record<string, number>) {
  await until(
    async () => isDeepStrictEqual(await callsByCategory(), expected),
    `Prometheus holding ${JSON.stringify(expected)}`,
  )
  return callsByCategory()
}

it('the shipped rules pass promtool check and their unit tests (real windows and `for:` durations)', () => {
  expect(execFileSync(promtool, ['check', 'rules', ALERTS], { encoding: 'utf8' })).toMatch(/SUCCESS: 4 rules/)
  const tested = execFileSync(promtool, ['test', 'rules', 'alerts.test.yml'], {
    cwd: OBSERVABILITY,
    encoding: 'utf8',
  })
  expect(tested).toMatch(/SUCCESS/)
})

it('Prometheus counts the logins of each kind by category, as they were made', async () => {
  const passed = await mint()
  expect(await login(passed)).toBe(200)
  expect(await login(await mint())).toBe(200)
  expect(await login(passed)).toBe(403) // a replay
  expect(await login('pt_forged000000000000000000')).toBe(403)
  expect(await scraped({ none: 2, token: 2 })).toEqual({ none: 2, token: 2 })
})

it('an outage made with the emulator`s switch raises the CaptchaLa-unreachable alert', async () => {
  await faults({ main: 'error500' })
  // One at a time, each scraped before the next: the counter rises inside the rule's window.
  for (let outage = 1; outage <= 3; outage++) {
    expect(await login(await mint())).toBe(503)
    await scraped({ none: 2, token: 2, upstream: outage })
  }
  const breaker = await query(
    'captchala_breaker_state{captchala_upstream="main",captchala_breaker_state="open"}',
  )
  expect(breaker.map(({ value }) => value[1])).toEqual(['1'])
  await until(async () => {
    const { data } = (await (await fetch(`${prometheusUrl}/api/v1/alerts`)).json()) as {
      data: { alerts: { labels: { alertname: string }; state: string }[] }
    }
    return data.alerts.some(
      ({ labels, state }) =>
        labels.alertname === 'CaptchalaUnreachableLive' && ['pending', 'firing'].includes(state),
    )
  }, 'the live copy of CaptchalaUnreachable pending or firing')
})
