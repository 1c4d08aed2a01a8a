import type { Faults } from '@captchala/emulator'
import { expect } from 'vitest'
import type { ClientOptions, ValidateOptions } from '../src/index'
import type { ValidateResult } from '../src/ValidateResult'

/** How a row gets its token from the emulator. */
export type TokenSource =
  | { kind: 'minted'; action?: string; ttl?: number; appKey?: string }
  | { kind: 'degraded' } // a dg_ from test_degraded
  /** an offline_ from the bypass worker: test_offline's main API is down for good; demo_app's only while issued */
  | { kind: 'offline'; appKey?: 'test_offline' | 'demo_app' }
  | { kind: 'literal'; token: unknown; appKey?: string }

/**
 * The upstream answers the SDK must turn into typed results, one row each. The test runs every row against
 * the emulator's fault switches; the data says what, the runner says how.
 */
export interface ConformanceRow {
  name: string
  token: TokenSource
  /** set after the token is made, before validation */
  faults?: Partial<Faults>
  /** moves the emulator's clock before validation */
  advanceMs?: number
  /** validate once before the checked call */
  validateFirst?: boolean
  client?: Partial<ClientOptions> & { unreachable?: boolean }
  options?: ValidateOptions
  expect: Partial<ValidateResult>
  /** requests the SDK may send for the checked call */
  requests?: number
}

export const conformanceMatrix: ConformanceRow[] = [
  {
    name: 'valid',
    token: { kind: 'minted' },
    options: { expectedAction: 'login', clientIp: '203.0.113.10' },
    expect: {
      valid: true,
      error: null,
      action: 'login',
      tokenType: 'pass',
      challengeId: expect.stringMatching(/^ch_/),
    },
    requests: 1,
  },
  {
    name: 'invalid',
    token: { kind: 'literal', token: 'pt_forged' },
    expect: { valid: false, error: 'invalid_token' },
    requests: 1,
  },
  {
    name: 'expired',
    token: { kind: 'minted', ttl: 10 },
    advanceMs: 10_000,
    expect: { valid: false, error: 'token_expired' },
  },
  {
    name: 'used',
    token: { kind: 'minted' },
    validateFirst: true,
    expect: { valid: false, error: 'token_already_used' },
  },
  {
    name: 'wrong action',
    token: { kind: 'minted', action: 'pay' },
    options: { expectedAction: 'login' },
    expect: { valid: false, error: 'token_action_mismatch', action: 'pay' },
  },
  {
    name: 'degraded, refused by the default policy',
    token: { kind: 'degraded' },
    expect: { valid: false, degraded: true, error: 'degraded_rejected', tokenType: 'degraded' },
  },
  {
    name: 'degraded, accepted by policy (then single-use through the replay guard)',
    token: { kind: 'degraded' },
    client: { policy: { degraded: true } },
    validateFirst: true,
    expect: { valid: false, degraded: true, error: 'token_replayed' },
  },
  // A validation that may have reached CaptchaLa is never sent again: a retry could only be told
  // token_already_used. Its lost answer is answer_lost (503), after one request.
  {
    name: 'non-JSON 200: the answer is lost, not retried',
    token: { kind: 'minted' },
    faults: { main: 'text200' },
    expect: { valid: false, verified: false, error: 'answer_lost' },
    requests: 1,
  },
  {
    name: 'HTML 500 (a gateway): the answer is lost, not retried',
    token: { kind: 'minted' },
    faults: { main: 'html' },
    expect: { valid: false, error: 'answer_lost', upstreamStatus: 500 },
    requests: 1,
  },
  {
    name: 'JSON 500: the answer is lost, not retried',
    token: { kind: 'minted' },
    faults: { main: 'error500' },
    expect: { error: 'answer_lost' },
    requests: 1,
  },
  {
    name: 'empty body: the answer is lost',
    token: { kind: 'minted' },
    faults: { main: 'empty' },
    expect: { valid: false, error: 'answer_lost' },
    requests: 1,
  },
  {
    name: 'validated, then its answer lost (the emulator drops the connection): answer_lost, not retried',
    token: { kind: 'minted' },
    faults: { routes: [{ route: '/v1/validate', fault: 'lose', times: 1 }] },
    expect: { valid: false, verified: false, error: 'answer_lost' },
    requests: 1,
  },
  {
    name: 'validated, then a gateway’s 502 instead of the answer: answer_lost, not retried',
    token: { kind: 'minted' },
    faults: { routes: [{ route: '/v1/validate', fault: 'bad-gateway', times: 1 }] },
    expect: { valid: false, error: 'answer_lost', upstreamStatus: 502 },
    requests: 1,
  },
  {
    name: 'a kept check whose answer is lost consumed nothing: retried, and answered',
    token: { kind: 'minted' },
    faults: { routes: [{ route: '/v1/validate', fault: 'lose', times: 1 }] },
    options: { keepToken: true },
    expect: { valid: true, error: null },
    requests: 2,
  },
  {
    name: 'connection dropped after the request: the answer is lost, not retried',
    token: { kind: 'minted' },
    faults: { main: 'down' },
    expect: { valid: false, error: 'answer_lost' },
    requests: 1,
  },
  {
    name: 'slow past the deadline: given up, and no retry after it',
    token: { kind: 'minted' },
    faults: { main: 'slow', latencyMs: 2000 },
    client: { timeoutMs: 200, retries: 1 },
    expect: { valid: false, verified: false, error: 'answer_lost' },
    requests: 1,
  },
  {
    name: 'connection refused: never sent, so retried, then request_failed',
    token: { kind: 'minted' },
    client: { unreachable: true, retries: 1 },
    expect: { valid: false, error: 'request_failed', upstreamStatus: null },
    requests: 2,
  },
  {
    name: 'a check that consumes nothing (keep_token) is retried after a 500',
    token: { kind: 'minted' },
    faults: { main: 'error500' },
    options: { keepToken: true },
    expect: { error: 'request_failed', upstreamStatus: 500 },
    requests: 3,
  },
  {
    name: 'offline_ while the main API is down from here: validated (once) at the backup',
    token: { kind: 'offline' },
    expect: { valid: true, verified: true, offline: true, tokenType: 'offline', action: 'login' },
    // the main API's outage seen (three attempts at a dropped connection), then the backup
    requests: 4,
  },
  {
    name: 'offline_ while the main API answers: refused, the backup never asked',
    token: { kind: 'offline', appKey: 'demo_app' },
    expect: { valid: false, verified: true, error: 'outage_not_seen', tokenType: 'offline' },
    requests: 1,
  },
  {
    name: 'offline_ while the main API answers, with offlineWhileMainUp: the backup decides',
    token: { kind: 'offline', appKey: 'demo_app' },
    client: { policy: { offlineWhileMainUp: true } },
    expect: { valid: true, verified: true, offline: true },
    requests: 1,
  },
  {
    name: 'offline_ refused by policy, without a request',
    token: { kind: 'offline' },
    client: { policy: { offline: false } },
    expect: { valid: false, error: 'offline_rejected' },
    requests: 0,
  },
  {
    name: 'backup drops the connection after the request: the answer is lost',
    token: { kind: 'offline' },
    faults: { backup: 'down' },
    client: { retries: 0 },
    expect: { valid: false, error: 'answer_lost' },
  },
  {
    name: 'client-only, refused by the default policy, answered locally',
    token: { kind: 'literal', token: 'client_abc' },
    expect: { valid: false, clientOnly: true, error: 'client_only_rejected' },
    requests: 0,
  },
  {
    name: 'a forged co_ (the docs’ prefix) while CaptchaLa answers: refused even where the policy allows it',
    token: { kind: 'literal', token: 'co_abc' },
    client: { policy: { actions: { login: { clientOnly: true } } } },
    options: { expectedAction: 'login' },
    expect: { valid: false, verified: true, clientOnly: true, error: 'outage_not_seen' },
    requests: 1,
  },
  {
    name: 'client_ with main and backup down from here (test_client_only): accepted once, not verified',
    token: { kind: 'literal', token: 'client_abc', appKey: 'test_client_only' },
    client: { policy: { clientOnly: true }, retries: 0 },
    expect: { valid: true, verified: false, clientOnly: true, tokenType: 'client' },
    requests: 2,
  },
  {
    name: 'the same client_ token again: token_replayed',
    token: { kind: 'literal', token: 'client_abc', appKey: 'test_client_only' },
    client: { policy: { clientOnly: true }, retries: 0 },
    validateFirst: true,
    expect: { valid: false, error: 'token_replayed' },
  },
  {
    name: 'empty token, no request',
    token: { kind: 'literal', token: '  ' },
    expect: { error: 'empty_token' },
    requests: 0,
  },
  {
    name: 'not a string',
    token: { kind: 'literal', token: { $ne: null } },
    expect: { error: 'empty_token' },
    requests: 0,
  },
  {
    name: 'wrong secret',
    token: { kind: 'minted' },
    client: { appSecret: 'wrong' },
    expect: { valid: false, error: 'invalid_app_secret' },
    requests: 1,
  },
]
