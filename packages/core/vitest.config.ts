import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'

export default defineConfig({
  // The language entries import the package by its name: in tests, its sources.
  resolve: { alias: { '@captchala/core': fileURLToPath(new URL('./src/index.ts', import.meta.url)) } },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    restoreMocks: true,
    // The Chromium test under test/ starts a browser: sized for a loaded 2-core CI machine (Vitest's 5 s
    // default failed there once). Unit tests use the test clock and never come near it.
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
})
