import { readFileSync } from 'node:fs'
import { expect, it } from 'vitest'

// The README's quick start is the Nuxt example's own files (which are built, type-checked and driven end to
// end), so it compiles and works as pasted.
const EXAMPLE = new URL('../../../apps/nuxt-example/', import.meta.url)
const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8')
const blocks = [...readme.matchAll(/^```\w+\n([\s\S]*?)^```$/gm)].map((match) => match[1] ?? '')
const FILE_NAMED = /^(?:\/\/|<!--) ([\w/.-]+\.(?:ts|vue))[:\s]/

it.each(blocks.filter((code) => FILE_NAMED.test(code) && !code.includes('nuxt.config')))(
  '%#: the example has it',
  (code) => {
    const path = FILE_NAMED.exec(code)?.[1] ?? ''
    const example = readFileSync(new URL(path, EXAMPLE), 'utf8')
    expect(example).toBe(code)
  },
)
