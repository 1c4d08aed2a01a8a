import { tsupConfig } from '../../scripts/tsupConfig'

// The element and the trail, and one wrapper per framework, sharing one chunk. The directive marks them for
// frameworks with server components: the panel lives on the client (and is harmless elsewhere).
export default tsupConfig({
  entry: ['src/index.ts', 'src/react.tsx', 'src/vue.ts'],
  external: ['react', 'vue', '@captchala/core'],
  banner: { js: "'use client'" },
})
