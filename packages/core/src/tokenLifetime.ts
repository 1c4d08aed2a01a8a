import { PASS_TOKEN_TTL_SECONDS } from '@captchala/contract'
import { type Clock, LONGEST_TIMER_MS } from './clock'
import { positiveOr } from './positiveOr'

/**
 * What happens when a token expires or is spent.
 * - `auto` (default): the token is dropped and reported, the widget is reset so that the SDK prepares the next
 *   challenge, and that challenge runs when a token is next needed. No puzzle appears that the visitor did
 *   not ask for.
 * - `background`: a token is kept warm: a new challenge starts on its own when a quarter of the token's life
 *   is left and right after a spend. For invisible-only setups (`bind` with low-risk visitors): a medium-risk
 *   visitor would see a puzzle pop up unprompted.
 * - `never`: no timers at all; an expired token is noticed (and reported) only when it would be handed out.
 */
export type RefreshMode = 'auto' | 'background' | 'never'

const DEFAULT_TOKEN_TTL_MS = PASS_TOKEN_TTL_SECONDS * 1000
/** With `refresh: 'background'`, the next challenge starts when this share of the token's life is left. */
const BACKGROUND_REFRESH_LEAD = 1 / 4

export interface TokenLifetimeHooks {
  clock: Clock
  refreshMode(): RefreshMode
  /** the token held now and when it runs out */
  held(): { token: string | null; expiresAt: number | null }
  /** the held token ran out */
  onExpired(): void
  /** `background`: the held token is old enough to be replaced */
  onRefreshDue(): void
}

/** The held token's life: when it runs out, and (`background`) when its replacement starts. */
export function createTokenLifetime({
  clock,
  refreshMode,
  held,
  onExpired,
  onRefreshDue,
}: TokenLifetimeHooks) {
  let timer: unknown
  let lifeMs = 0

  // Armed on every pass and whenever the refresh mode changes; a timer that fires looks again.
  const watch = () => {
    clock.clearTimeout(timer)
    const { token, expiresAt } = held()
    if (!token || expiresAt === null || refreshMode() === 'never') return
    const left = expiresAt - clock.now()
    if (left <= 0) return onExpired()
    let wait = left
    if (refreshMode() === 'background') {
      const lead = lifeMs * BACKGROUND_REFRESH_LEAD
      if (left <= lead) onRefreshDue()
      else wait = left - lead
    }
    timer = clock.setTimeout(watch, Math.min(wait, LONGEST_TIMER_MS))
  }

  return {
    /**
     * When a token that passed now runs out: the SDK's `ttl` (seconds) when it gives one, else the option,
     * else the default.
     */
    expiryOf(ttlSeconds: number | undefined, configuredMs: number | undefined) {
      lifeMs = positiveOr(
        ttlSeconds === undefined ? undefined : ttlSeconds * 1000,
        positiveOr(configuredMs, DEFAULT_TOKEN_TTL_MS),
      )
      return clock.now() + lifeMs
    },
    watch,
    stop() {
      clock.clearTimeout(timer)
    },
  }
}

export type TokenLifetime = ReturnType<typeof createTokenLifetime>
