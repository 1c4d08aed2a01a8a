import { tsupConfig } from '../../scripts/tsupConfig'

// The CLI is ESM only (a bin). The loader and the stylesheet are copied next to the build and served as they
// are; the browser SDK is built from TypeScript after this (tsup.browser.config.ts).
export default [
  tsupConfig({
    platform: 'node',
    target: 'node20',
    shims: true,
    onSuccess:
      'mkdir -p dist/browser && cp src/browser/captchala-loader.js src/browser/captchala.css dist/browser/',
  }),
  tsupConfig({
    entry: ['src/cli.ts'],
    format: ['esm'],
    dts: false,
    clean: false,
    platform: 'node',
    target: 'node20',
  }),
]
