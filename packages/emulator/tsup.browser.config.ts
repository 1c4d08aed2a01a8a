import { tsupConfig } from '../../scripts/tsupConfig'

// The browser SDK (window.Captchala): one classic script, minified as a CDN serves it (its size is checked in
// CI); ES2020, so that the solver factories, pasted into the proof-of-work worker as they are, need no helper
// from outside themselves.
export default tsupConfig({
  entry: { 'browser/captchala': 'src/browser/sdk/index.ts' },
  format: ['iife'],
  outExtension: () => ({ js: '.js' }),
  platform: 'browser',
  target: 'es2020',
  minify: true,
  dts: false,
  clean: false,
})
