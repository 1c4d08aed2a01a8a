import { readdirSync } from 'node:fs'
import { join, relative } from 'node:path'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'
import * as contract from '../src/index'

// Issue 19: the vocabulary is written once, here. This reads every other package's sources (tests aside)
// for string literals that restate it: a token prefix, or a multi-word code (common words such as `aborted`
// are not vocabulary, and comments may name anything). A code written where the compiler checks it against
// one of this package's union types (`new CaptchaError('challenge_timeout')`, `{ error: 'answer_lost' }` in
// a `ValidateResult`) is a use, not a copy: a misspelling or a renamed code fails the build there.

const PACKAGES = join(import.meta.dirname, '../..')
const SOURCE_FILE = /\.(ts|tsx|js|mjs)$/
const TEST_FILE = /\.test(-d)?\.|\.d\.ts$/

function sourcesOf(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name)
    if (entry.isDirectory()) return sourcesOf(path)
    return SOURCE_FILE.test(entry.name) && !TEST_FILE.test(entry.name) ? [path] : []
  })
}

// kit-testing is the tests' own package: its expectations state the published values on purpose.
const NOT_READ = new Set(['contract', 'kit-testing'])
const otherPackagesSources = readdirSync(PACKAGES, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && !NOT_READ.has(entry.name))
  .flatMap((entry) => {
    try {
      return sourcesOf(join(PACKAGES, entry.name, 'src'))
    } catch {
      return []
    }
  })

// One program over all of them, so that each literal's contextual type is known.
const program = ts.createProgram(otherPackagesSources, {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  jsx: ts.JsxEmit.Preserve,
  allowJs: true,
  strict: true,
  noEmit: true,
  skipLibCheck: true,
})
const checker = program.getTypeChecker()

/** The literal is checked by the compiler against a union of string literals (a code type of the contract). */
function typedUse(node: ts.Expression) {
  const expected = checker.getContextualType(node)
  if (!expected) return false
  const members = (expected.isUnion() ? expected.types : [expected]).filter(
    (type) => !(type.flags & (ts.TypeFlags.Undefined | ts.TypeFlags.Null)),
  )
  return members.length > 0 && members.every((type) => type.isStringLiteral())
}

/** Every string literal of a file that the compiler does not check, template pieces included, with its line. */
function uncheckedStrings(path: string): { text: string; line: number }[] {
  const source = program.getSourceFile(path)
  if (!source) throw new Error(`not in the program: ${path}`)
  const found: { text: string; line: number }[] = []
  const visit = (node: ts.Node) => {
    const literal = ts.isStringLiteralLike(node) || ts.isTemplateLiteralToken(node)
    if (literal && !(ts.isStringLiteralLike(node) && typedUse(node))) {
      const { line } = source.getLineAndCharacterOfPosition(node.getStart())
      found.push({ text: (node as ts.LiteralLikeNode).text, line: line + 1 })
    }
    ts.forEachChild(node, visit)
  }
  visit(source)
  return found
}

const PREFIXES = contract.TOKEN_PREFIXES
const MULTI_WORD_CODES = new Set(
  [
    ...contract.SERVICE_ERROR_CODES,
    ...contract.SERVER_VERDICT_CODES,
    ...contract.REINIT_SDK_CODES,
    ...contract.CHALLENGE_ERROR_CODES,
    ...contract.BROWSER_ERROR_CODES,
    ...contract.MODERATION_INPUT_CODES,
    contract.TOKEN_CONSUMED_ALIAS,
    contract.QUOTA_EXHAUSTED,
    contract.MAIN_API_AVAILABLE,
    contract.TOKEN_FIELD,
  ].filter((code) => code.includes('_')),
)

/** Fields of CaptchaLa's answers that begin like a token: not tokens. */
const FIELDS_LIKE_A_PREFIX = new Set(['client_ip'])

const restates = (text: string) =>
  MULTI_WORD_CODES.has(text) ||
  (!FIELDS_LIKE_A_PREFIX.has(text) && PREFIXES.some((prefix) => text.startsWith(prefix)))

describe('the vocabulary is written once, in packages/contract', () => {
  it('finds the sources it reads', () => {
    const packages = new Set(otherPackagesSources.map((path) => relative(PACKAGES, path).split('/')[0]))
    expect([...packages]).toEqual(
      expect.arrayContaining(['core', 'server', 'emulator', 'testing', 'react', 'vue', 'nuxt']),
    )
  })

  it('has no token prefix or multi-word error code as a literal in any other package', () => {
    const restated = otherPackagesSources.flatMap((path) =>
      uncheckedStrings(path)
        .filter(({ text }) => restates(text))
        .map(({ text, line }) => `${relative(PACKAGES, path)}:${line} '${text}'`),
    )
    expect(restated).toEqual([])
  })

  it('would notice one', () => {
    expect(restates('token_already_used')).toBe(true)
    expect(restates('pt_abc')).toBe(true)
    expect(restates('aborted')).toBe(false)
    expect(restates('client_ip')).toBe(false)
  })
})

describe('the service URLs', () => {
  // Written out whole (a template literal would stay in every bundle that imports the contract).
  it('validate on the backup host at the backup path', () => {
    expect(new URL(contract.SERVICE_BACKUP_VALIDATE_URL).pathname).toBe(contract.BACKUP_VALIDATE_PATH)
  })
})
