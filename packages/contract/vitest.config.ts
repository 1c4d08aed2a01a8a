import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The vocabulary test type-checks every package's sources at once; sized for a loaded 2-core machine.
    testTimeout: 300_000,
  },
})
