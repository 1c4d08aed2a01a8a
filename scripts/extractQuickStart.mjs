// Writes a package's quick start (its README's first code block), untouched, into the package's strict
// user-project type tests (test-types/), so that `check` fails the day a quick start stops compiling.
//   node extractQuickStart.mjs            (in a package folder)
import { writeFileSync } from 'node:fs'
import { quickStartOf } from './quickStart.mjs'

const EXTENSIONS = { ts: 'ts', tsx: 'tsx', vue: 'vue' }

const { language, code } = quickStartOf('README.md')
const extension = EXTENSIONS[language]
if (!extension) throw new Error(`README.md's first code block is ${language}, not ts, tsx or vue`)
// A Vue SFC's file name is its component name: two words, as Vue's style guide asks.
const file = `test-types/${extension === 'vue' ? 'QuickStart.vue' : `quickStart.${extension}`}`
writeFileSync(file, code)
console.log(`extractQuickStart: ${file} from README.md (${code.split('\n').length - 1} lines of ${language})`)
