import { defineConfig, type Options } from 'tsup'

/** Every published package builds the same way: ESM + CJS, types for each, one entry. */
export const tsupConfig = (overrides: Options = {}) =>
  defineConfig({
    entry: ['src/index.ts'],
    format: ['esm', 'cjs'],
    dts: true,
    clean: true,
    target: 'es2022',
    ...overrides,
  })
