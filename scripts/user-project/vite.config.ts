import react from '@vitejs/plugin-react'
import vue from '@vitejs/plugin-vue'
import { defineConfig } from 'vite'

export default defineConfig({
  plugins: [react(), vue()],
  test: {
    environment: 'jsdom',
    // No deadline a loaded CI machine could miss: the recipes' steps have their own, generous ones.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    include: ['src/**/*.test.tsx', 'vue/**/*.test.ts', 'server/**/*.test.mjs'],
  },
})
