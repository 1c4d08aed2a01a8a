import { tsupConfig } from '../../scripts/tsupConfig'

// The core, and one entry per language other than English: each registers its words in the core it imports
// by name (kept external), so a page pays only for the languages it imports. For the declarations, that name
// is this package's sources (its dist is what is being built).
export default tsupConfig({
  entry: ['src/index.ts', 'src/locales/*.ts'],
  external: ['@captchala/core'],
  // The languages' words as UTF-8, not \u escapes: a third of the bytes for Chinese, Japanese and Korean.
  esbuildOptions(options) {
    options.charset = 'utf8'
  },
  dts: {
    compilerOptions: {
      paths: { '@captchala/contract': ['../contract/src/index.ts'], '@captchala/core': ['./src/index.ts'] },
    },
  },
})
