import { tsupConfig } from '../../scripts/tsupConfig'

// Two entry points of one API: `node` (a pooled node:http transport) and `index` (the runtime's fetch), with
// `fastify` and `opentelemetry` beside them. The doctor is a bin: ESM only, for Node.
export default [
  // Built side by side: neither cleans dist (one would delete the other's output); `build` empties it first.
  tsupConfig({
    entry: {
      index: 'src/index.ts',
      node: 'src/node.ts',
      fastify: 'src/fastify.ts',
      opentelemetry: 'src/opentelemetry/index.ts',
    },
    clean: false,
  }),
  tsupConfig({
    entry: { doctor: 'src/doctorCli.ts' },
    format: ['esm'],
    dts: false,
    clean: false,
    platform: 'node',
    target: 'node20',
  }),
]
