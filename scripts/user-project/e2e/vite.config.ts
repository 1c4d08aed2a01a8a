// The production build the end-to-end suite runs: the React quick start at /, the Vue one at /vue/, and both
// with `product="bind"` at /bind/ and /vue-bind/.
import { fileURLToPath } from 'node:url'
import react from '@vitejs/plugin-react'
import vue from '@vitejs/plugin-vue'
import { defineConfig } from 'vite'

const app = (path: string) => fileURLToPath(new URL(`app/${path}`, import.meta.url))

export default defineConfig({
  root: app(''),
  plugins: [react(), vue()],
  build: {
    outDir: fileURLToPath(new URL('../dist-e2e', import.meta.url)),
    emptyOutDir: true,
    rollupOptions: {
      input: {
        react: app('index.html'),
        vue: app('vue/index.html'),
        reactBind: app('bind/index.html'),
        vueBind: app('vue-bind/index.html'),
      },
    },
  },
})
