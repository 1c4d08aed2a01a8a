import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.ts'],
    restoreMocks: true,
    typecheck: { enabled: true, include: ['src/**/*.test-d.ts'] },
  },
})
