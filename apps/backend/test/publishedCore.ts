import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'

/** The core's browser build as it is published (its ESM file), served to test pages as it is, no bundler. */
export const PUBLISHED_CORE_MODULE = readFileSync(
  createRequire(import.meta.url)
    .resolve('@captchala/core')
    .replace(/\.cjs$/, '.js'),
  'utf8',
)
