import { tsupConfig } from '../../scripts/tsupConfig'

// The hooks need the client; frameworks with server components read this directive.
export default tsupConfig({ banner: { js: "'use client'" } })
