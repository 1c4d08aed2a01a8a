// Size budgets and size comparisons, measured one way for everything: the code bundled by esbuild (minified,
// ESM, peer frameworks external, as a production build), then gzip -9. Entries live in each package.json under "size":
//   { "name", "code" (a module to bundle, resolved from the package) or "file" (one script as served,
//     minified alone), "external"?, "limit"? (bytes, fails CI),
//     "target"? (bytes: the goal, reported while unmet) }
// `node size.mjs` checks the limits (CI); `--compare` also measures "sizeReferences" the same way (bench).
import { readFileSync } from 'node:fs'
import { gzipSync } from 'node:zlib'
import { build, transform } from 'esbuild'

const FRAMEWORKS = ['react', 'react-dom', 'react/jsx-runtime', 'vue']

export async function gzipSize({ code, file, external = [] }, resolveDir = process.cwd()) {
  if (file) {
    const { code: minified } = await transform(readFileSync(file, 'utf8'), { minify: true, loader: 'js' })
    return gzipSync(minified, { level: 9 }).length
  }
  const result = await build({
    stdin: { contents: code, resolveDir, loader: 'js' },
    bundle: true,
    minify: true,
    format: 'esm',
    write: false,
    logLevel: 'silent',
    external: [...FRAMEWORKS, ...external],
    // As a production build of an app takes the packages (Vite, webpack, Next.js): NODE_ENV and the
    // `production` export condition (the core's build without developer prose).
    define: { 'process.env.NODE_ENV': '"production"' },
    conditions: ['production'],
  })
  return gzipSync(result.outputFiles[0].contents, { level: 9 }).length
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const pkg = JSON.parse(readFileSync('package.json', 'utf8'))
  const compare = process.argv.includes('--compare')
  const rows = [...(pkg.size ?? []), ...(compare ? (pkg.sizeReferences ?? []) : [])]
  let over = 0
  for (const row of rows) {
    const bytes = await gzipSize(row)
    const missed = row.target && bytes > row.target ? `; target ${row.target} B not met` : ''
    const verdict = row.limit
      ? `${bytes <= row.limit ? 'ok' : 'OVER'} (limit ${row.limit} B${missed})`
      : 'reference'
    if (row.limit && bytes > row.limit) over++
    console.log(`size: ${row.name.padEnd(48)} ${String(bytes).padStart(6)} B min+gzip  ${verdict}`)
  }
  if (over) {
    console.error(`size: ${over} entr${over === 1 ? 'y is' : 'ies are'} over budget`)
    process.exit(1)
  }
}
