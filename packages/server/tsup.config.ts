import { tsupConfig } from '../../scripts/tsupConfig'

export default tsupConfig({ entry: ['src/index.ts', 'src/fastify.ts'] })
