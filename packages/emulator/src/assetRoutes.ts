import { readFileSync } from 'node:fs'
import type { FastifyInstance } from 'fastify'

// The browser side is plain JavaScript served as written: no build step between the file and the page.
// (This module sits beside `browser/` both in src/ and, bundled, in dist/.)
const ASSETS: Record<string, string> = {
  '/captchala.js': 'application/javascript; charset=utf-8',
  '/captchala-loader.js': 'application/javascript; charset=utf-8',
  '/captchala.css': 'text/css; charset=utf-8',
}

export function assetRoutes(app: FastifyInstance) {
  for (const [path, type] of Object.entries(ASSETS)) {
    const body = readFileSync(new URL(`./browser${path}`, import.meta.url), 'utf8')
    // no-store: every page load really requests the script, so tests can count requests.
    app.get(path, async (_request, reply) => reply.type(type).header('cache-control', 'no-store').send(body))
  }
}
