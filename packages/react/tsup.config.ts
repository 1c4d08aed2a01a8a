import { defineConfig } from 'tsup'

export default defineConfig({
  entry: ['src/index.ts'],
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  target: 'es2022',
  // The hooks need the client; frameworks with server components read this directive.
  banner: { js: "'use client'" },
})
