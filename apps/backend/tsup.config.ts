import { tsupConfig } from '../../scripts/tsupConfig'

// An app, not a library: one ESM build to run.
export default tsupConfig({
  entry: ['src/main.ts', 'src/index.ts', 'src/telemetry.ts'],
  format: ['esm'],
  dts: false,
  platform: 'node',
  target: 'node20',
})
