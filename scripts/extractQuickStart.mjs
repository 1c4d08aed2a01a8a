// The first code block of a package's README is its quick start. This writes it, untouched, into the package's
// strict user-project type tests (test-types/), so that `check` fails the day a quick start stops compiling.
//   node extractQuickStart.mjs            (in a package folder)
import { readFileSync, writeFileSync } from 'node:fs'

const EXTENSIONS = { ts: 'ts', tsx: 'tsx', vue: 'vue' }

const readme = readFileSync('README.md', 'utf8')
const block = /^```(\w+)\n([\s\S]*?)^```$/m.exec(readme)
if (!block) throw new Error('README.md has no code block to check')
const [, language, code] = block
const extension = EXTENSIONS[language]
if (!extension) throw new Error(`README.md's first code block is ${language}, not ts, tsx or vue`)
// A Vue SFC's file name is its component name: two words, as Vue's style guide asks.
const file = `test-types/${extension === 'vue' ? 'QuickStart.vue' : `quickStart.${extension}`}`
writeFileSync(file, code)
console.log(`extractQuickStart: ${file} from README.md (${code.split('\n').length - 1} lines of ${language})`)
