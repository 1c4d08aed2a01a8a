import { SDK_HOSTS } from '@captchala/contract'
import type { BrowserContext, Route } from '@playwright/test'

/** Hosts a page may reach without the emulator: this machine. */
const everyUrl = () => true

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]', '::1'])

/** What the routing saw: every request it let leave for another host, refused. */
export interface Routing {
  /** URLs the page asked for on hosts that are neither loopback nor CaptchaLa's: each was refused */
  readonly refused: readonly string[]
  stop(): Promise<void>
}

/**
 * Sends the context's requests for CaptchaLa's CDN hosts to the emulator (same path and query), lets loopback
 * through, and refuses everything else (recorded in `refused`), so that a test of the app's production build,
 * with its real script URLs, never leaves the machine.
 *
 * The emulator's SDK posts to its script's origin: once routed, the page calls `https://cdn.captcha-cdn.net/v1/sdk/...`
 * and those calls come here too. Playwright answers their CORS preflights itself. The page's own CSP still
 * applies: a policy that refuses the CDN refuses it here as it would in production.
 */
export async function routeToEmulator(context: BrowserContext, emulatorUrl: string): Promise<Routing> {
  const refused: string[] = []
  const captchalaHosts = new Set(SDK_HOSTS.map((host) => new URL(host).host))
  const handler = async (route: Route) => {
    const url = new URL(route.request().url())
    if (LOOPBACK_HOSTS.has(url.hostname)) return route.fallback()
    if (!captchalaHosts.has(url.host)) {
      refused.push(url.href)
      return route.abort('blockedbyclient')
    }
    await answerFromEmulator(route, `${emulatorUrl}${url.pathname}${url.search}`)
  }
  await context.route(everyUrl, handler)
  return {
    refused,
    stop: () => context.unroute(everyUrl, handler).catch(() => {}),
  }
}

// A dropped connection (the emulator's `down`) is a failed request for the page, as a dead host is; `hang`
// is never answered, so the page's own timeout decides, as it would.
async function answerFromEmulator(route: Route, url: string) {
  let response: Awaited<ReturnType<Route['fetch']>>
  try {
    response = await route.fetch({ url, timeout: 0, maxRedirects: 0 })
  } catch {
    await route.abort('connectionfailed').catch(() => {})
    return
  }
  await route.fulfill({ response }).catch(() => {})
}
