// The first code block of a package's README is its quick start; this reads it, untouched.
import { readFileSync } from 'node:fs'

/** `{ language, code }` of the first fenced block of `readmePath`. */
export function quickStartOf(readmePath) {
  const block = /^```(\w+)\n([\s\S]*?)^```$/m.exec(readFileSync(readmePath, 'utf8'))
  if (!block) throw new Error(`${readmePath} has no code block to check`)
  const [, language, code] = block
  return { language, code }
}
