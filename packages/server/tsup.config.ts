import { tsupConfig } from '../../scripts/tsupConfig'

// Two entry points of one API: `node` (a pooled node:http transport) and `index` (the runtime's fetch).
export default tsupConfig({ entry: ['src/index.ts', 'src/node.ts', 'src/fastify.ts'] })
