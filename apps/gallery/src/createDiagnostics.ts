import type { CaptchaEvent, TokenInfo } from '@captchala/core'
import type { Outcome } from './submitForm'

/** One line of the diagnostics panel: when (ms since the page started), which form, which stage, what. */
export interface DiagnosticRow {
  seq: number
  t: number
  source: string
  /** the core's event type, or `backend` / `switches` */
  type: string
  stage: string
  detail: string
  tone: 'info' | 'ok' | 'warn' | 'error'
}

export interface Diagnostics {
  subscribe(listener: () => void): () => void
  /** an immutable list, replaced on every new row */
  getSnapshot(): readonly DiagnosticRow[]
  event(source: string, event: CaptchaEvent): void
  answer(source: string, outcome: Outcome, ms: number): void
  note(source: string, type: string, stage: string, detail: string, tone?: DiagnosticRow['tone']): void
}

// Never the token: its id (the backend's record names the same), prefix, length and type, as the core hands
// them out.
const shown = ({ id, prefix, length, type }: TokenInfo) =>
  `${prefix || '?'}… id ${id} (${length} chars, ${type})`

function describe(event: CaptchaEvent): Pick<DiagnosticRow, 'stage' | 'detail' | 'tone'> {
  switch (event.type) {
    case 'script:requested':
      return { stage: 'script', detail: `requested ${event.url}`, tone: 'info' }
    case 'script:loaded':
      return { stage: 'script', detail: `loaded ${event.url} in ${event.ms} ms`, tone: 'ok' }
    case 'script:failed':
      return {
        stage: 'script',
        detail: `${event.error.code}: ${event.url} after ${event.ms} ms`,
        tone: 'warn',
      }
    case 'server_token:requested':
      return { stage: 'server token', detail: 'asked the backend for an sct_', tone: 'info' }
    case 'server_token:received':
      return { stage: 'server token', detail: `received in ${event.ms} ms`, tone: 'ok' }
    case 'widget:ready':
      return { stage: 'widget', detail: 'ready', tone: 'info' }
    case 'challenge:started':
      return {
        stage: 'challenge',
        detail: event.background ? 'started in the background (refresh)' : 'started',
        tone: 'info',
      }
    case 'challenge:closed':
      return { stage: 'challenge', detail: 'closed by the visitor', tone: 'warn' }
    case 'passed':
    case 'refreshed':
      return {
        stage: 'token',
        detail: `${event.type === 'passed' ? 'passed' : 'refreshed before expiry'}: ${shown(event.token)}, expires in ${Math.round((event.expiresAt - event.at) / 1000)} s`,
        tone: 'ok',
      }
    case 'expired':
      return { stage: 'token', detail: `expired: ${shown(event.token)}`, tone: 'warn' }
    case 'spent':
      return { stage: 'token', detail: `spent by a submission: ${shown(event.token)}`, tone: 'info' }
    case 'submit:started':
      return { stage: 'submit', detail: `sending with ${shown(event.token)}`, tone: 'info' }
    case 'submit:joined':
      return { stage: 'submit', detail: 'another click joined the submission in flight', tone: 'warn' }
    case 'submit:settled':
      return { stage: 'submit', detail: `${event.ok ? 'settled' : 'failed'} in ${event.ms} ms`, tone: 'info' }
    case 'error': {
      const { code, sdkCode, message } = event.error
      const detail = `${event.category}: ${code}${sdkCode ? ` (${sdkCode})` : ''}: ${message}`
      return { stage: 'error', detail, tone: 'error' }
    }
  }
}

/** The live record of one story page: the core's event stream of every widget and the backend's answers. */
export function createDiagnostics(): Diagnostics {
  let rows: readonly DiagnosticRow[] = []
  const listeners = new Set<() => void>()
  const since = (at: number) => Math.round(at - performance.timeOrigin)
  const add = (row: Omit<DiagnosticRow, 'seq'>) => {
    rows = [...rows, { ...row, seq: rows.length }]
    for (const listener of listeners) listener()
  }
  return {
    subscribe(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    getSnapshot: () => rows,
    event: (source, event) =>
      add({
        t: since(event.at),
        source,
        type: event.type,
        ...describe(event),
      }),
    answer(source, { kind, code, category, status, requestId, tokenId }, ms) {
      const verdict = kind === 'ok' ? 'accepted' : `${category}: ${code}`
      add({
        t: since(Date.now()),
        source,
        type: 'backend',
        stage: 'backend',
        detail: `HTTP ${status}: ${verdict}, request ${requestId}, token id ${tokenId} (${ms} ms)`,
        tone: kind === 'ok' ? 'ok' : 'error',
      })
    },
    note: (source, type, stage, detail, tone = 'info') =>
      add({ t: since(Date.now()), source, type, stage, detail, tone }),
  }
}

/** How many times a token was replaced in the background, as the panel's rows tell it. */
export const refreshCount = (rows: readonly DiagnosticRow[]) =>
  rows.filter((row) => row.type === 'refreshed').length
