/// <reference types="vitest/config" />
import react from '@vitejs/plugin-react'
import { defineConfig } from 'vite'

// Built for the reference backend, which serves it at /react/ under a strict CSP; in development Vite serves
// it and hands /api to the backend (`pnpm start` runs one on 8788).
export default defineConfig(({ command }) => ({
  base: command === 'build' ? '/react/' : '/',
  plugins: [react()],
  server: { port: 5173, proxy: { '/api': 'http://127.0.0.1:8788' } },
  test: { include: ['test/**/*.test.ts'], testTimeout: 180_000, hookTimeout: 180_000 },
}))
