import { categoryOf, isOneOf, type TokenInfo, UNAVAILABLE_CODES } from '@captchala/contract'
import {
  type CaptchalaRecord,
  type RecordedCall,
  type RecordListener,
  recordChannel,
} from './CaptchalaRecord'
import { fixFor } from './failureFix'
import type { ModerationError } from './moderation'
import { type CallTrace, newTrace } from './upstream'
import type { FailureDescription } from './ValidateResult'

export interface RecorderSettings {
  appKey: string
  environment: string | null
  recordClientIp: boolean
  onRecord: RecordListener | undefined
  breakers: () => CaptchalaRecord['breakers']
  now: () => number
}

/** One call under way: what its record will say of its start. */
export interface StartedCall {
  call: RecordedCall
  /** the URL the call goes to first, named in the fix of a configuration failure */
  url: string
  requestId: string
  startedAt: number
  startedTick: number
  trace: CallTrace
  onRecord: RecordListener | undefined
}

/** How a call ended, in what its record needs beyond the trace. */
export interface CallEnding {
  ok: boolean
  code: ModerationError | null
  expectedAction?: string | null | undefined
  action?: string | null | undefined
  token?: TokenInfo | null | undefined
  platform?: string | null | undefined
  clientIp?: string | undefined
}

// Where a record goes must never decide a verdict: a logger that throws is ignored.
function deliver(listener: RecordListener | undefined, record: CaptchalaRecord) {
  try {
    listener?.(record)
  } catch {}
}

/**
 * Starts and ends the client's calls: each result's description (request id, category, fix) and, when
 * anyone listens (`onRecord`, a call's `onRecord`, a diagnostics channel subscriber), its record. Nobody
 * listening, no record is built.
 */
export function createRecorder(settings: RecorderSettings) {
  const channel = recordChannel()

  function start(
    call: RecordedCall,
    url: string,
    options: { requestId?: string | undefined; onRecord?: RecordListener | undefined },
  ): StartedCall {
    return {
      call,
      url,
      requestId: options.requestId || crypto.randomUUID(),
      startedAt: settings.now(),
      startedTick: performance.now(),
      trace: newTrace(),
      onRecord: options.onRecord,
    }
  }

  function finish(started: StartedCall, ending: CallEnding): FailureDescription {
    const { code } = ending
    const { trace } = started
    const description: FailureDescription = {
      requestId: started.requestId,
      category: categoryOf(code) ?? null,
      fix:
        code === null
          ? null
          : fixFor(code, {
              appKey: settings.appKey,
              url: started.url,
              emulated: trace.emulated,
              status: trace.status,
              redirect: trace.redirect,
            }),
    }
    if (settings.onRecord || started.onRecord || channel?.hasSubscribers) {
      const record = recordOf(started, ending, description)
      deliver(settings.onRecord, record)
      deliver(started.onRecord, record)
      channel?.publish(record)
    }
    return description
  }

  function recordOf(
    started: StartedCall,
    ending: CallEnding,
    description: FailureDescription,
  ): CaptchalaRecord {
    const { trace } = started
    const unavailable = ending.code !== null && isOneOf(UNAVAILABLE_CODES, ending.code)
    return {
      call: started.call,
      requestId: started.requestId,
      timestamp: new Date(started.startedAt).toISOString(),
      environment: settings.environment,
      appKey: settings.appKey,
      // A redirect is nobody's verdict: whoever sent it (a moved host, a captive portal) is not known.
      answeredBy:
        trace.answeredBy === null || trace.redirect ? null : trace.emulated ? 'emulator' : 'captchala',
      expectedAction: ending.expectedAction ?? null,
      action: ending.action ?? null,
      token: ending.token ?? null,
      upstream: trace.answeredBy,
      serverAddress: trace.url && new URL(trace.url).hostname,
      upstreamStatus: trace.status,
      redirectedTo: trace.redirect?.to ?? null,
      attempts: trace.attempts,
      latencyMs: Math.round(performance.now() - started.startedTick),
      breakers: settings.breakers(),
      result: ending.ok ? 'ok' : unavailable ? 'unavailable' : 'refused',
      code: ending.code,
      category: description.category,
      fix: description.fix,
      platform: ending.platform ?? null,
      ...(settings.recordClientIp && ending.clientIp ? { clientIp: ending.clientIp } : {}),
    }
  }

  return { start, finish }
}
