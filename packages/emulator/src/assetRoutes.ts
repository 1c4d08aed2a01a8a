import { existsSync, readFileSync } from 'node:fs'
import type { FastifyInstance } from 'fastify'

const ASSETS: Record<string, string> = {
  '/captchala.js': 'application/javascript; charset=utf-8',
  '/captchala-loader.js': 'application/javascript; charset=utf-8',
  '/captchala.css': 'text/css; charset=utf-8',
}

// Built, this module sits in dist/ beside browser/, which holds all three (the SDK built from
// src/browser/sdk, the loader and the stylesheet copied as written). Run from src/ (the emulator's own
// tests), it finds the loader and the stylesheet beside it and the SDK in the build.
const PLACES = ['./browser/', '../dist/browser/']

function assetText(name: string): string {
  for (const place of PLACES) {
    const url = new URL(place + name, import.meta.url)
    if (existsSync(url)) return readFileSync(url, 'utf8')
  }
  throw new Error(`captchala-emulator: ${name} is missing; build the emulator first (pnpm build)`)
}

export function assetRoutes(app: FastifyInstance) {
  for (const [path, type] of Object.entries(ASSETS)) {
    const body = assetText(path.slice(1))
    // no-store: every page load really requests the script, so tests can count requests.
    app.get(path, async (_request, reply) => reply.type(type).header('cache-control', 'no-store').send(body))
  }
}
