import { defineConfig, type Options } from 'tsup'

/**
 * Every published package builds the same way: ESM + CJS, types for each, one entry. The private
 * `@captchala/contract` (a dev dependency) is bundled into the code, and its types are inlined into the
 * declarations, so no published package names it.
 */
export const tsupConfig = (overrides: Options = {}) =>
  defineConfig({
    entry: ['src/index.ts'],
    format: ['esm', 'cjs'],
    // A path, so the declarations bundler treats the contract's sources as this package's own.
    dts: { compilerOptions: { paths: { '@captchala/contract': ['../contract/src/index.ts'] } } },
    noExternal: ['@captchala/contract'],
    clean: true,
    target: 'es2022',
    ...overrides,
  })
