// The server SDK as the Edge runtime runs it: the package resolved with the Edge runtime's conditions
// (`edge-light`, `worker`, `browser`), bundled as Next.js would, to run inside @edge-runtime/vm (the Edge
// runtime's own sandbox: web APIs only, no `process`, no Node modules).
import { build } from 'esbuild'

const EDGE_CONDITIONS = ['edge-light', 'worker', 'browser']

/** The package's `createClient` and `verify` as one script that defines `CaptchalaServer`. */
export async function edgeBundle(): Promise<string> {
  const result = await build({
    stdin: {
      contents: "export { createClient, verify } from '@captchala/server'",
      resolveDir: import.meta.dirname,
      loader: 'js',
    },
    bundle: true,
    format: 'iife',
    globalName: 'CaptchalaServer',
    platform: 'neutral',
    conditions: EDGE_CONDITIONS,
    mainFields: ['module', 'main'],
    write: false,
    logLevel: 'silent',
  })
  return result.outputFiles[0]!.text
}
