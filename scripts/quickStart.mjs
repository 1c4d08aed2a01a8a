// The first code block of a package's README is its quick start; this reads it, untouched.
import { readFileSync } from 'node:fs'

/** `{ language, code }` of the first fenced block of `readmePath`. */
export function quickStartOf(readmePath) {
  const block = /^```(\w+)\n([\s\S]*?)^```$/m.exec(readFileSync(readmePath, 'utf8'))
  if (!block) throw new Error(`${readmePath} has no code block to check`)
  const [, language, code] = block
  return { language, code }
}

/** `{ language, code }` of the fenced block of `readmePath` whose code starts with `firstLine`. */
export function codeBlockOf(readmePath, firstLine) {
  const blocks = readFileSync(readmePath, 'utf8').matchAll(/^```(\w+)\n([\s\S]*?)^```$/gm)
  const block = [...blocks].find(([, , code]) => code.startsWith(firstLine))
  if (!block) throw new Error(`${readmePath} has no code block starting with ${firstLine}`)
  const [, language, code] = block
  return { language, code }
}
