// @vitest-environment node
// "Never in a production bundle unless imported": an app bundled for production as a bundler does (minified,
// tree-shaken, the package's sideEffects: false honoured), without the panel, with it behind a development
// guard, and with it for real. Only the last holds any of the panel's code.

import { mkdir, mkdtemp, rm, symlink } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { build } from 'esbuild'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const PACKAGE_ROOT = resolve(import.meta.dirname, '..')

const APP_WITHOUT = `
import { createTrail } from '@captchala/devtools'
export const app = () => 'a form'
`
const APP_GUARDED = `
import { CaptchaDevtools } from '@captchala/devtools/react'
export const app = () => (import.meta.env.DEV ? CaptchaDevtools : null)
`
const APP_WITH = `
import { CaptchaDevtools } from '@captchala/devtools/react'
export const app = () => CaptchaDevtools
`

// An app's folder whose node_modules holds this package (its built dist), resolved through its exports.
let appDir: string
beforeAll(async () => {
  appDir = await mkdtemp(join(tmpdir(), 'captchala-devtools-app-'))
  await mkdir(join(appDir, 'node_modules', '@captchala'), { recursive: true })
  await symlink(PACKAGE_ROOT, join(appDir, 'node_modules', '@captchala', 'devtools'), 'dir')
})
afterAll(() => rm(appDir, { recursive: true, force: true }))

async function productionBundle(contents: string): Promise<string> {
  const result = await build({
    stdin: { contents, resolveDir: appDir, loader: 'ts' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    write: false,
    external: ['react', 'vue', '@captchala/core'],
    define: { 'import.meta.env.DEV': 'false' },
    logLevel: 'silent',
  })
  return result.outputFiles[0]!.text
}

describe('a production bundle', () => {
  it('holds none of the panel when the app does not render it, imported or behind import.meta.env.DEV', async () => {
    for (const app of [APP_WITHOUT, APP_GUARDED]) {
      const bundle = await productionBundle(app)
      expect(bundle).not.toContain('captchala-devtools')
      expect(bundle).not.toContain('Copy trail as JSON')
      expect(bundle.length).toBeLessThan(200)
    }
  })

  it('holds it when the app renders it (the comparison is not vacuous)', async () => {
    const bundle = await productionBundle(APP_WITH)
    expect(bundle).toContain('captchala-devtools')
    expect(bundle).toContain('Copy trail as JSON')
  })
})
