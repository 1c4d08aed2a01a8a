import type { Options } from 'tsup'
import { tsupConfig } from '../../scripts/tsupConfig'

// Developer prose (CaptchaError's fixes, the SDK codes' meanings, the Trusted Types explanation) sits behind
// `process.env.NODE_ENV !== 'production'` in the sources. Two builds settle it, as React ships development
// and production files: the default one keeps the prose and never reads `process` (a page may import it with
// no bundler, where there is no `process`); the one under the `production` export condition, which Vite,
// webpack and Next.js pick for production builds, has none of it.
const withNodeEnv =
  (nodeEnv: 'development' | 'production'): Options['esbuildOptions'] =>
  (options) => {
    options.define = { ...options.define, 'process.env.NODE_ENV': JSON.stringify(nodeEnv) }
    // The languages' words as UTF-8, not \u escapes: a third of the bytes for Chinese, Japanese and Korean.
    options.charset = 'utf8'
  }

export default [
  // The core, and one entry per language other than English: each registers its words in the core it imports
  // by name (kept external), so a page pays only for the languages it imports. For the declarations, that
  // name is this package's sources (its dist is what is being built). Built side by side with the production
  // core: neither cleans dist (one would delete the other's output); `build` empties it first.
  tsupConfig({
    entry: ['src/index.ts', 'src/locales/*.ts'],
    external: ['@captchala/core'],
    clean: false,
    esbuildOptions: withNodeEnv('development'),
    dts: {
      compilerOptions: {
        paths: { '@captchala/contract': ['../contract/src/index.ts'], '@captchala/core': ['./src/index.ts'] },
      },
    },
  }),
  // The same core without the prose; its types are the default build's.
  tsupConfig({
    entry: { index: 'src/index.ts' },
    outDir: 'dist/production',
    clean: false,
    dts: false,
    esbuildOptions(options, context) {
      withNodeEnv('production')?.(options, context)
      // Folds the development branches away (`false ? BROWSER_FIXES[code] : …`), names and layout kept.
      options.minifySyntax = true
    },
  }),
]
