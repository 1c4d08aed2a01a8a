import type { Trail } from '@captchala/devtools'
import { refreshCount } from '@captchala/gallery'
import { useEffect, useState, useSyncExternalStore } from 'react'

/** The held token's remaining life (from the captcha's state), ticking, and how often it was refreshed. */
export function TokenClock({ diagnostics, expiresAt }: { diagnostics: Trail; expiresAt: number | null }) {
  const rows = useSyncExternalStore(diagnostics.subscribe, diagnostics.getSnapshot)
  const [now, setNow] = useState(Date.now)
  useEffect(() => {
    const tick = setInterval(() => setNow(Date.now()), 250)
    return () => clearInterval(tick)
  }, [])
  return (
    <p className="meta countdown">
      token expires in{' '}
      <strong data-testid="expires-in">
        {expiresAt ? `${Math.max(0, (expiresAt - now) / 1000).toFixed(1)} s` : '–'}
      </strong>{' '}
      · refreshed <strong data-testid="refreshes">{refreshCount(rows)}</strong> times
    </p>
  )
}
