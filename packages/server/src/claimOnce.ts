import { giveUpAfter } from './deadline'
import type { ReplayGuard } from './ReplayGuard'

/** What the replay guard says of a token: the first claim, a replay, or no answer it can vouch for. */
export type ClaimOutcome = 'first' | 'replayed' | 'unavailable'

export interface ClaimOptions {
  /** how long the guard remembers the claim */
  ttlMs: number
  /**
   * the guard must have kept every claim since then (the outage's start), or a claim it lost (a Redis, or a
   * shard, restarted empty) could be made again
   */
  rememberedBefore?: number | undefined
  /** the guard's budget: past it, the token is refused as `unavailable` */
  timeoutMs: number
}

/**
 * Makes a token CaptchaLa did not make single-use count once, through the replay guard. The key is the
 * token's SHA-256, never the token. The guard's memory is checked after the claim is settled, never before:
 * a store that lost its data in between (a shard restarted while a claim's reply was lost) then shows a later
 * time, and its "first" is not believed.
 */
export async function claimOnce(
  guard: ReplayGuard,
  token: string,
  { ttlMs, rememberedBefore, timeoutMs }: ClaimOptions,
): Promise<ClaimOutcome> {
  const claim = async (signal: AbortSignal): Promise<ClaimOutcome> => {
    const key = await sha256(token)
    const first = await guard.claim(key, ttlMs, signal)
    const forgotten =
      rememberedBefore !== undefined && (await guard.rememberedSince(key, signal)) > rememberedBefore
    if (forgotten) return 'unavailable'
    return first ? 'first' : 'replayed'
  }
  return giveUpAfter(timeoutMs, claim).catch(() => 'unavailable')
}

async function sha256(token: string) {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(token))
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('')
}
