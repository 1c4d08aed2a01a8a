import type { CaptchaEvent, TokenInfo } from '@captchala/core'
import { describeEvent, type Tone } from './describeEvent'

/** One line of the trail: when (ms since the page started), which widget, which stage, what happened. */
export interface TrailRow {
  seq: number
  t: number
  /** the widget's (or form's) name, as given to `attach` or `event` */
  source: string
  /** the core's event type, or `server` for a verdict and the note's own type */
  type: string
  stage: string
  detail: string
  tone: Tone
  /** the token id the row names, to match a browser row to the server's record */
  tokenId: string | null
}

/** The token a widget holds now: what the panel's "time left" shows. Never the token itself. */
export interface HeldToken {
  source: string
  id: string
  type: TokenInfo['type']
  /** epoch ms; null once spent or expired */
  expiresAt: number | null
  state: 'held' | 'spent' | 'expired'
}

/**
 * The server's verdict on a submission, as the app read it from its backend (the fields of
 * `@captchala/server`'s result or record): the panel shows it beside the browser's rows of the same token id.
 */
export interface ServerVerdict {
  ok: boolean
  code?: string | null | undefined
  category?: string | null | undefined
  fix?: string | null | undefined
  tokenId?: string | null | undefined
  requestId?: string | null | undefined
  status?: number | undefined
  ms?: number | undefined
}

/** What the panel attaches to: `useCaptcha()`'s result, a `<Captcha>` ref's handle, or a core controller. */
export interface CaptchaEventSource {
  subscribeEvents(listener: (event: CaptchaEvent) => void): () => void
}

export interface Trail {
  /** follows a widget's events under `source`; returns the detach */
  attach(captcha: CaptchaEventSource, source?: string): () => void
  /** adds one core event (for an `onEvent` option that feeds several widgets) */
  event(source: string, event: CaptchaEvent): void
  /** adds the server's verdict on a submission */
  verdict(source: string, verdict: ServerVerdict): void
  /** adds a line of the app's own */
  note(source: string, type: string, stage: string, detail: string, tone?: Tone): void
  subscribe(listener: () => void): () => void
  /** an immutable list, replaced on every new row */
  getSnapshot(): readonly TrailRow[]
  /** the token each widget holds, by source */
  tokens(): readonly HeldToken[]
  /** the trail for a bug report: rows and held tokens (ids only: a token is never in a trail) */
  toJSON(): { rows: readonly TrailRow[]; tokens: readonly HeldToken[] }
  /** empties the trail */
  clear(): void
}

const DEFAULT_SOURCE = 'captcha'

/** What the wrappers' `captcha` prop takes: one handle, or several by name. */
export type CaptchaSources =
  | CaptchaEventSource
  | Record<string, CaptchaEventSource | null | undefined>
  | null
  | undefined

/** The wrappers' `captcha` prop as `[name, handle]` pairs (one handle is named `captcha`). */
export function namedSources(captcha: CaptchaSources): Array<readonly [string, CaptchaEventSource]> {
  if (!captcha) return []
  if (typeof (captcha as CaptchaEventSource).subscribeEvents === 'function') {
    return [[DEFAULT_SOURCE, captcha as CaptchaEventSource]]
  }
  return Object.entries(captcha as Record<string, CaptchaEventSource | null | undefined>).flatMap(
    ([name, source]) => (source ? [[name, source] as const] : []),
  )
}

const subscriptionIds = new WeakMap<object, number>()
let lastSubscriptionId = 0
/**
 * A key that changes only when the named subscriptions do: a binding returns a new handle object on every
 * render, but its `subscribeEvents` stays the same function for the widget's life.
 */
export function sourcesKey(sources: Array<readonly [string, CaptchaEventSource]>): string {
  return sources
    .map(([name, source]) => {
      const subscribe = source.subscribeEvents
      if (!subscriptionIds.has(subscribe)) subscriptionIds.set(subscribe, ++lastSubscriptionId)
      return `${name}:${subscriptionIds.get(subscribe)}`
    })
    .join('\n')
}

const tokenOf = (event: CaptchaEvent): TokenInfo | null => ('token' in event ? event.token : null)

/** A trail of one page: every attached widget's events and the verdicts the app feeds it, as they happen. */
export function createTrail(): Trail {
  let rows: readonly TrailRow[] = []
  const held = new Map<string, HeldToken>()
  const listeners = new Set<() => void>()
  const since = (at: number) => Math.round(at - performance.timeOrigin)
  const add = (row: Omit<TrailRow, 'seq'>) => {
    rows = [...rows, { ...row, seq: rows.length }]
    for (const listener of listeners) listener()
  }
  const hold = (source: string, event: CaptchaEvent) => {
    const token = tokenOf(event)
    if (!token) return
    const expiresAt = 'expiresAt' in event ? event.expiresAt : null
    const state = event.type === 'expired' ? 'expired' : event.type === 'spent' ? 'spent' : 'held'
    if (state === 'held' && expiresAt === null) return
    held.set(source, {
      source,
      id: token.id,
      type: token.type,
      expiresAt: state === 'held' ? expiresAt : null,
      state,
    })
  }
  const trail: Trail = {
    attach: (captcha, source = DEFAULT_SOURCE) =>
      captcha.subscribeEvents((event) => trail.event(source, event)),
    event(source, event) {
      hold(source, event)
      add({
        t: since(event.at),
        source,
        type: event.type,
        tokenId: tokenOf(event)?.id ?? null,
        ...describeEvent(event),
      })
    },
    verdict(source, { ok, code, category, fix, tokenId, requestId, status, ms }) {
      const browserRow = tokenId
        ? rows.find((row) => row.tokenId === tokenId && row.type !== 'server')
        : undefined
      const parts = [
        status === undefined ? null : `HTTP ${status}`,
        ok ? 'accepted' : `${category ?? 'refused'}: ${code ?? 'unknown'}`,
        requestId ? `request ${requestId}` : null,
        tokenId
          ? `token id ${tokenId}${browserRow ? ` (the ${browserRow.source} widget's, +${browserRow.t} ms)` : ''}`
          : null,
        ms === undefined ? null : `${ms} ms`,
        !ok && fix ? `fix: ${fix}` : null,
      ]
      add({
        t: since(Date.now()),
        source,
        type: 'server',
        stage: 'server',
        detail: parts.filter(Boolean).join(', '),
        tone: ok ? 'ok' : 'error',
        tokenId: tokenId ?? null,
      })
    },
    note: (source, type, stage, detail, tone = 'info') =>
      add({ t: since(Date.now()), source, type, stage, detail, tone, tokenId: null }),
    subscribe(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    getSnapshot: () => rows,
    tokens: () => [...held.values()],
    toJSON: () => ({ rows, tokens: trail.tokens() }),
    clear() {
      rows = []
      held.clear()
      for (const listener of listeners) listener()
    },
  }
  return trail
}
