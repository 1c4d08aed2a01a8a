import { BROWSER_FIXES, type BrowserErrorCode, SDK_CODE_FIXES } from '@captchala/contract'
import type { CaptchaError, CaptchaEvent, TokenInfo } from '@captchala/core'

/** How a row reads and how it is coloured. */
export type Tone = 'info' | 'ok' | 'warn' | 'error'

export interface EventDescription {
  stage: string
  detail: string
  tone: Tone
}

// Never the token: its id (the server's record names the same), prefix, length and kind, as the core gives them.
export const tokenShown = ({ id, prefix, length, type }: TokenInfo) =>
  `${prefix || '?'}… id ${id} (${length} chars, ${type})`

const seconds = (ms: number) => `${Math.round(ms / 1000)} s`

/** One core event as a line of the trail: its stage, what happened, and how much it matters. */
export function describeEvent(event: CaptchaEvent): EventDescription {
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
        detail: `${event.type === 'passed' ? 'passed' : 'refreshed before expiry'}: ${tokenShown(event.token)}, expires in ${seconds(event.expiresAt - event.at)}`,
        tone: 'ok',
      }
    case 'expired':
      return { stage: 'token', detail: `expired: ${tokenShown(event.token)}`, tone: 'warn' }
    case 'spent':
      return { stage: 'token', detail: `spent by a submission: ${tokenShown(event.token)}`, tone: 'info' }
    case 'submit:started':
      return { stage: 'submit', detail: `sending with ${tokenShown(event.token)}`, tone: 'info' }
    case 'submit:joined':
      return { stage: 'submit', detail: 'another click joined the submission in flight', tone: 'warn' }
    case 'submit:settled':
      return { stage: 'submit', detail: `${event.ok ? 'settled' : 'failed'} in ${event.ms} ms`, tone: 'info' }
    case 'error': {
      const { code, sdkCode } = event.error
      return {
        stage: 'error',
        detail: `${event.category}: ${code}${sdkCode ? ` (${sdkCode})` : ''}: ${fixOf(event.error)}`,
        tone: 'error',
      }
    }
  }
}

/** The code of an error the SDK reported: its words are the SDK's. */
const THE_SDKS_OWN: BrowserErrorCode = 'sdk_error'

/**
 * The fix for an error, whatever build of the core made it (a production core's messages only name the code):
 * the panel holds the developer's words for every code itself; an SDK error keeps the SDK's own words unless
 * its code has a fix of ours.
 */
const fixOf = ({ code, sdkCode, message }: CaptchaError): string =>
  code === THE_SDKS_OWN ? (SDK_CODE_FIXES[sdkCode ?? ''] ?? message) : BROWSER_FIXES[code]
