// First, and a side effect Biome keeps in place: OpenTelemetry registered before Fastify loads node:http.
import './otelSetup'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { startEmulator } from '@captchala/emulator'
import { emulatorControl } from '@captchala/kit-testing/emulator-control'
import { SpanKind, SpanStatusCode } from '@opentelemetry/api'
import type { ReadableSpan } from '@opentelemetry/sdk-trace'
import Fastify, { type FastifyInstance } from 'fastify'
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest'
import { statusFor, verify } from '../src/index'
import { createClient } from '../src/node'
import { observeBreakers } from '../src/opentelemetry'
import { instrumentation, metricReader, spans } from './otelSetup'

// The instrumentation as a user meets it: Fastify instrumented by @opentelemetry/instrumentation-http, the
// SDK's records become one span each, parented to the request's span, and metrics counted by category.

const SECRET = 'demo_secret'
/** The visitor's address, as a proxy in front of the app forwards it: it must reach no span and no metric. */
const VISITOR_IP = '203.0.113.77'

let emu: Awaited<ReturnType<typeof startEmulator>>
let app: FastifyInstance
let client: ReturnType<typeof createClient>
const { advanceClock, faults, mint, reset } = emulatorControl(() => emu.url)

beforeAll(async () => {
  emu = await startEmulator({ port: 0 })
  client = createClient({
    appKey: 'demo_app',
    appSecret: SECRET,
    baseUrl: emu.url,
    backupUrl: `${emu.url}/api/validate`,
    probeInBackground: false,
    // the records hold the visitor's IP: the spans and metrics must still not
    recordClientIp: true,
  })
  observeBreakers(client, 'demo_app')
  app = Fastify({ trustProxy: true })
  app.post<{ Body: Record<string, unknown> }>('/login', async (request, reply) => {
    const result = await verify(client, request.body, { expectedAction: 'login', clientIp: request.ip })
    return reply.code(result.valid ? 200 : statusFor(result)).send({ ok: result.valid })
  })
  await app.listen({ port: 0, host: '127.0.0.1' })
})
afterAll(async () => {
  await app.close()
  await emu.close()
  client.close()
})
beforeEach(async () => {
  await reset()
  spans.reset()
})

const login = async (token: string) => {
  const address = app.server.address()
  const port = typeof address === 'object' && address ? address.port : 0
  const response = await fetch(`http://127.0.0.1:${port}/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': VISITOR_IP },
    body: JSON.stringify({ captchala_token: token }),
  })
  return response.status
}

/** The request's server span and the SDK's span of one login. */
function spansOfOneLogin() {
  const finished = spans.getFinishedSpans()
  const ours = finished.filter((span) => span.name.startsWith('captchala '))
  // the app's request (the emulator, in this process too, serves its own)
  const requests = finished.filter(
    (span) => span.kind === SpanKind.SERVER && JSON.stringify(span.attributes).includes('/login'),
  )
  expect(ours).toHaveLength(1)
  expect(requests).toHaveLength(1)
  return { captchala: ours[0] as ReadableSpan, request: requests[0] as ReadableSpan, finished }
}

const childOf = (span: ReadableSpan, parent: ReadableSpan) =>
  span.parentSpanContext?.spanId === parent.spanContext().spanId &&
  span.spanContext().traceId === parent.spanContext().traceId

it('a pass: one CLIENT span under the request span, status unset, the captchala.* attributes', async () => {
  const token = await mint()
  expect(await login(token)).toBe(200)
  const { captchala, request, finished } = spansOfOneLogin()
  expect(captchala.name).toBe('captchala validate')
  expect(captchala.kind).toBe(SpanKind.CLIENT)
  expect(childOf(captchala, request)).toBe(true)
  expect(captchala.status.code).toBe(SpanStatusCode.UNSET)
  expect(captchala.attributes).toMatchObject({
    'captchala.call': 'validate',
    'captchala.result': 'ok',
    'captchala.token.type': 'pass',
    'captchala.action': 'login',
    'captchala.expected_action': 'login',
    'captchala.upstream': 'main',
    'captchala.attempts': 1,
    'captchala.answered_by': 'emulator',
    'server.address': '127.0.0.1',
    'http.response.status_code': 200,
  })
  expect(String(captchala.attributes['captchala.token.id'])).toMatch(/^[\w-]+$/)
  // The Node transport's POST, which the HTTP instrumentation traces, sits beside it under the request.
  const posts = finished.filter((span) => span.kind === SpanKind.CLIENT && span !== captchala)
  expect(posts.length).toBeGreaterThan(0)
  for (const post of posts) expect(childOf(post, request)).toBe(true)
  expectNothingSecretIn(captchala, token)
})

it('a replay and a forged token: refused, and not an error (the SDK working)', async () => {
  const token = await mint()
  await login(token)
  spans.reset()
  expect(await login(token)).toBe(403)
  const replay = spansOfOneLogin().captchala
  expect(replay.attributes).toMatchObject({ 'captchala.result': 'refused', 'captchala.category': 'token' })
  expect(replay.status.code).toBe(SpanStatusCode.UNSET)
  spans.reset()
  const forged = 'pt_forged0000000000000000'
  expect(await login(forged)).toBe(403)
  const { captchala } = spansOfOneLogin()
  expect(captchala.attributes).toMatchObject({ 'captchala.result': 'refused', 'captchala.category': 'token' })
  expect(captchala.status.code).toBe(SpanStatusCode.UNSET)
  expectNothingSecretIn(captchala, forged)
})

it('an expired token: refused with its code', async () => {
  const token = await mint()
  await advanceClock(10 * 60_000)
  expect(await login(token)).toBe(403)
  const { captchala } = spansOfOneLogin()
  expect(captchala.attributes).toMatchObject({
    'captchala.result': 'refused',
    'captchala.code': 'token_expired',
  })
})

it('CaptchaLa down: each login ERROR and unavailable; the breaker opens, and the gauge reads it', async () => {
  await faults({ main: 'error500' })
  // Three calls in a row that fail open the breaker (the default breakerFailures); a 500 may have spent the
  // token, so each is answer_lost.
  for (let failure = 1; failure <= 3; failure++) {
    expect(await login(await mint())).toBe(503)
    const { captchala } = spansOfOneLogin()
    spans.reset()
    expect(captchala.status.code).toBe(SpanStatusCode.ERROR)
    expect(captchala.attributes).toMatchObject({
      'captchala.result': 'unavailable',
      'captchala.category': 'upstream',
      'error.type': 'answer_lost',
    })
  }
  expect(client.health().main.state).toBe('open')
  expect(await breakerSeries('main')).toEqual({ closed: 0, 'half-open': 0, open: 1 })
  // The open breaker answers at once: CaptchaLa is not asked.
  expect(await login(await mint())).toBe(503)
  const { captchala } = spansOfOneLogin()
  expect(captchala.status.code).toBe(SpanStatusCode.ERROR)
  expect(captchala.attributes).toMatchObject({ 'captchala.result': 'unavailable', 'captchala.attempts': 0 })
})

it('a lost answer: ERROR, answer_lost, never a replay', async () => {
  const token = await mint()
  client.close()
  client = createClient({
    appKey: 'demo_app',
    appSecret: SECRET,
    baseUrl: emu.url,
    probeInBackground: false,
    recordClientIp: true,
  })
  observeBreakers(client, 'demo_app')
  await faults({ routes: [{ route: '/v1/validate', fault: 'lose', times: 1 }] })
  expect(await login(token)).toBe(503)
  const { captchala } = spansOfOneLogin()
  expect(captchala.status.code).toBe(SpanStatusCode.ERROR)
  expect(captchala.attributes).toMatchObject({
    'captchala.result': 'unavailable',
    'captchala.code': 'answer_lost',
  })
  expect(await breakerSeries('main')).toEqual({ closed: 1, 'half-open': 0, open: 0 })
})

it('counts every call by category, with no token, secret, request id or IP among the metrics', async () => {
  const before = await callsByCategory()
  const token = await mint()
  await login(token)
  await login(token)
  await login('pt_forged0000000000000000')
  await faults({ routes: [{ route: '/v1/validate', fault: 'lose', times: 1 }] })
  await login(await mint())
  const after = await callsByCategory()
  const made = Object.fromEntries(
    Object.entries(after).map(([category, count]) => [category, count - (before[category] ?? 0)]),
  )
  expect(made).toEqual({ none: 1, token: 2, upstream: 1 })
  const metrics = await collectMetrics()
  const duration = metrics.find((metric) => metric.descriptor.name === 'captchala.call.duration')
  expect(duration?.descriptor.unit).toBe('s')
  const everything = JSON.stringify(metrics)
  for (const forbidden of [SECRET, VISITOR_IP, token, 'captchala.request_id', 'captchala.token.id'])
    expect(everything).not.toContain(forbidden)
})

it('disabled, it makes no span; enabled again, it does', async () => {
  instrumentation.disable()
  await login(await mint())
  expect(spans.getFinishedSpans().filter((span) => span.name.startsWith('captchala '))).toHaveLength(0)
  instrumentation.enable()
  spans.reset()
  await login(await mint())
  expect(spansOfOneLogin().captchala.name).toBe('captchala validate')
})

async function collectMetrics() {
  const { resourceMetrics } = await metricReader.collect()
  return resourceMetrics.scopeMetrics.flatMap((scope) => scope.metrics)
}

async function callsByCategory() {
  const calls = (await collectMetrics()).find((metric) => metric.descriptor.name === 'captchala.calls')
  const byCategory: Record<string, number> = {}
  for (const point of calls?.dataPoints ?? []) {
    const category = String(point.attributes['captchala.category'])
    byCategory[category] = (byCategory[category] ?? 0) + Number(point.value)
  }
  return byCategory
}

async function breakerSeries(upstream: string) {
  const gauge = (await collectMetrics()).find(
    (metric) => metric.descriptor.name === 'captchala.breaker.state',
  )
  const series: Record<string, number> = {}
  for (const point of gauge?.dataPoints ?? [])
    if (point.attributes['captchala.upstream'] === upstream)
      series[String(point.attributes['captchala.breaker.state'])] = Number(point.value)
  return series
}

function expectNothingSecretIn(span: ReadableSpan, token: string) {
  const text = JSON.stringify(span.attributes)
  for (const forbidden of [token, SECRET, VISITOR_IP]) expect(text).not.toContain(forbidden)
}

it('the other entries hold no OpenTelemetry code: an app that does not import this one pays nothing', () => {
  const dist = new URL('../dist/', import.meta.url).pathname
  const others = readdirSync(dist).filter(
    (file) => /\.(c?js)$/.test(file) && !file.startsWith('opentelemetry'),
  )
  expect(others.length).toBeGreaterThan(3)
  for (const file of others) expect(readFileSync(join(dist, file), 'utf8')).not.toContain('@opentelemetry')
})
