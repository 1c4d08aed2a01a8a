import { tsupConfig } from '../../scripts/tsupConfig'

// The CLI is ESM only (a bin); the browser assets are copied next to the build, served as they are.
export default [
  tsupConfig({ platform: 'node', target: 'node20', shims: true, onSuccess: 'cp -r src/browser dist/' }),
  tsupConfig({
    entry: ['src/cli.ts'],
    format: ['esm'],
    dts: false,
    clean: false,
    platform: 'node',
    target: 'node20',
  }),
]
