import { randomBytes } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import fastifyStatic from '@fastify/static'
import type { FastifyInstance, FastifyReply } from 'fastify'

/** A built single-page app and the path it is served under, e.g. `{ prefix: '/react/', dir: '.../dist' }`. */
export interface ServedApp {
  prefix: string
  dir: string
  /**
   * HTML put first in the page's `<head>`, before the app's own tags, nonce'd like them: the end-to-end suites
   * put a listener there that records the page's errors and policy violations in every browser engine.
   */
  headStart?: string
}

/**
 * Serves built apps in production mode under a strict Content-Security-Policy: every HTML answer gets a new
 * nonce on each of its script and style tags and in a `<meta name="csp-nonce">` the app hands to the
 * loader, and no inline script runs without it. `captchalaOrigin` is where the SDK comes from.
 */
export async function serveApps(app: FastifyInstance, apps: ServedApp[], captchalaOrigin: string) {
  for (const { prefix, dir, headStart = '' } of apps.filter((a) => existsSync(join(a.dir, 'index.html')))) {
    const html = readFileSync(join(dir, 'index.html'), 'utf8').replace(
      /<head[^>]*>/i,
      (head) => head + headStart,
    )
    await app.register(async (scope) => {
      // Files are sent by the route below, never by the plugin's own routes: so no HTML leaves without the
      // policy, whatever path asks for it (`/react/index.html` included).
      await scope.register(fastifyStatic, { root: dir, serve: false })
      const page = async (_request: unknown, reply: FastifyReply) => {
        const nonce = randomBytes(16).toString('base64')
        return reply
          .type('text/html; charset=utf-8')
          .header('cache-control', 'no-store')
          .header('content-security-policy', policy(nonce, captchalaOrigin))
          .send(withNonce(html, nonce))
      }
      // The page itself and any client-side route under the prefix get the page; `index.html` too. Other
      // files are sent as they are, except HTML, which only ever goes out as the page.
      scope.get(prefix, page)
      scope.get(`${prefix}*`, async (request, reply) => {
        const file = (request.params as { '*': string })['*']
        if (file === 'index.html' || !FILE_NAME.test(file)) return page(request, reply)
        if (/\.html?$/i.test(file)) return reply.callNotFound()
        return reply.sendFile(file)
      })
    })
  }
}

// A path whose last part has an extension names a file; anything else is a client-side route.
const FILE_NAME = /\.[a-z0-9]+$/i

export function policy(nonce: string, captchalaOrigin: string) {
  return [
    "default-src 'self'",
    `script-src 'nonce-${nonce}' 'strict-dynamic' ${captchalaOrigin}`,
    `style-src 'self' 'nonce-${nonce}' ${captchalaOrigin}`,
    `connect-src 'self' ${captchalaOrigin}`,
    "img-src 'self' data:",
    // the SDK's proof of work runs in a worker made from a Blob
    'worker-src blob:',
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
  ].join('; ')
}

export function withNonce(html: string, nonce: string) {
  return html
    .replace(/<(script|style)\b(?![^>]*\bnonce=)/gi, `<$1 nonce="${nonce}"`)
    .replace(
      /<link\b(?=[^>]*\brel=["']?(?:stylesheet|modulepreload))(?![^>]*\bnonce=)/gi,
      `<link nonce="${nonce}"`,
    )
    .replace(/<head([^>]*)>/i, `<head$1><meta name="csp-nonce" content="${nonce}">`)
}
