import { SDK_HOSTS } from '@captchala/contract'
import type { BrowserContext, Route } from '@playwright/test'

/** A matcher for every URL: the handler decides. */
const everyUrl = () => true

/** Hosts a page may reach without the emulator: this machine. */
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]', '::1'])

/** What the routing saw of hosts that are neither loopback nor CaptchaLa's. */
export interface Routing {
  /**
   * URLs the page asked for on such hosts: refused, or, for a redirect's next hop (which routing never
   * sees), noticed as it went out
   */
  readonly refused: readonly string[]
}

/**
 * Sends the context's requests for CaptchaLa's CDN hosts to the emulator (same path and query), lets loopback
 * through, and refuses everything else (recorded in `refused`), so that a test of the app's production build,
 * with its real script URLs, never leaves the machine. In place until the context closes with the test.
 * Requests a service worker makes are not routed (Playwright's rule): `serviceWorkers: 'block'` keeps them
 * out.
 *
 * The emulator's SDK posts to its script's origin: once routed, the page calls `https://cdn.captcha-cdn.net/v1/sdk/...`
 * and those calls come here too. Playwright answers their CORS preflights itself. The page's own CSP still
 * applies: a policy that refuses the CDN refuses it here as it would in production.
 */
export async function routeToEmulator(context: BrowserContext, emulatorUrl: string): Promise<Routing> {
  const refused: string[] = []
  const captchalaHosts = new Set(SDK_HOSTS.map((host) => new URL(host).host))
  const isLoopback = (url: URL) => LOOPBACK_HOSTS.has(url.hostname)
  const refuse = (url: URL) => {
    if (!refused.includes(url.href)) refused.push(url.href)
  }
  await context.route(everyUrl, async (route: Route) => {
    const url = new URL(route.request().url())
    if (isLoopback(url)) return route.fallback()
    if (!captchalaHosts.has(url.host)) {
      refuse(url)
      return route.abort('blockedbyclient')
    }
    await answerFromEmulator(route, `${emulatorUrl}${url.pathname}${url.search}`)
  })
  // A redirect's next hop is not routed (Playwright calls the handler for the first URL only), so a loopback
  // answer that redirects elsewhere is caught here, as it leaves.
  context.on('request', (request) => {
    const url = new URL(request.url())
    if (request.redirectedFrom() && !isLoopback(url) && !captchalaHosts.has(url.host)) refuse(url)
  })
  await context.routeWebSocket(everyUrl, (socket) => {
    const url = new URL(socket.url())
    if (isLoopback(url)) return socket.connectToServer()
    refuse(url)
    return socket.close()
  })
  return { refused }
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
