import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { type Plugin, transform } from 'esbuild'
import { tsupConfig } from '../../scripts/tsupConfig'

/**
 * `import css from './panel.css?raw'` as Vite reads it (the tests), with the stylesheet minified: its
 * indentation and spaces are for the reader of the source, not for every page that loads the panel.
 */
const minifiedCssText: Plugin = {
  name: 'minified-css-text',
  setup(build) {
    // The path keeps its `?raw`: tsup's own stylesheet handling takes every path that ends in `.css`.
    build.onResolve({ filter: /\.css\?raw$/ }, ({ path, resolveDir }) => ({
      path: join(resolveDir, path),
      namespace: 'css-text',
    }))
    build.onLoad({ filter: /.*/, namespace: 'css-text' }, async ({ path }) => {
      const css = await readFile(path.replace(/\?raw$/, ''), 'utf8')
      return { contents: (await transform(css, { loader: 'css', minify: true })).code.trim(), loader: 'text' }
    })
  },
}

// The element and the trail, and one wrapper per framework, sharing one chunk. The directive marks them for
// frameworks with server components: the panel lives on the client (and is harmless elsewhere).
export default tsupConfig({
  entry: ['src/index.ts', 'src/react.tsx', 'src/vue.ts'],
  external: ['react', 'vue', '@captchala/core'],
  banner: { js: "'use client'" },
  esbuildPlugins: [minifiedCssText],
})
