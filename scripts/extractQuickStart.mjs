// Writes a package's quick start (its README's first code block), untouched, into the package's strict
// user-project type tests (test-types/), so that `check` fails the day a quick start stops compiling.
// With a first line and a file, the README's block that starts with that line goes to that file instead (a
// second integration the README shows, such as the server's Cloudflare Worker).
//   node extractQuickStart.mjs            (in a package folder)
//   node extractQuickStart.mjs '// Cloudflare Workers' test-types/worker.ts
import { writeFileSync } from 'node:fs'
import { codeBlockOf, quickStartOf } from './quickStart.mjs'

const [firstLine, target] = process.argv.slice(2)
if (firstLine) {
  const { code } = codeBlockOf('README.md', firstLine)
  writeFileSync(target, code)
  console.log(`extractQuickStart: ${target} from README.md's block "${firstLine}"`)
  process.exit(0)
}

const EXTENSIONS = { ts: 'ts', tsx: 'tsx', vue: 'vue' }

const { language, code } = quickStartOf('README.md')
const extension = EXTENSIONS[language]
if (!extension) throw new Error(`README.md's first code block is ${language}, not ts, tsx or vue`)
// A Vue SFC's file name is its component name: two words, as Vue's style guide asks.
const file = `test-types/${extension === 'vue' ? 'QuickStart.vue' : `quickStart.${extension}`}`
writeFileSync(file, code)
console.log(`extractQuickStart: ${file} from README.md (${code.split('\n').length - 1} lines of ${language})`)
