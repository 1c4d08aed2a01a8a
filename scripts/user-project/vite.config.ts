import react from '@vitejs/plugin-react'
import vue from '@vitejs/plugin-vue'
import { defineConfig } from 'vite'

export default defineConfig({
  plugins: [react(), vue()],
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.tsx', 'vue/**/*.test.ts', 'server/**/*.test.mjs'],
  },
})
