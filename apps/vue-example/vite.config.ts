/// <reference types="vitest/config" />
import vue from '@vitejs/plugin-vue'
import { defineConfig } from 'vite'

// Built for the reference backend, which serves it at /vue/ under a strict CSP; in development Vite serves
// it and hands /api to the backend (`pnpm start` runs one on 8788).
export default defineConfig(({ command }) => ({
  base: command === 'build' ? '/vue/' : '/',
  plugins: [vue()],
  server: { port: 5174, proxy: { '/api': 'http://127.0.0.1:8788' } },
  test: { include: ['test/**/*.test.ts'], testTimeout: 180_000, hookTimeout: 180_000 },
}))
