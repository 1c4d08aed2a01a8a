import { describe, expect, it } from 'vitest'
import {
  BROWSER_ERROR_CODES,
  browserCategoryOf,
  CATEGORIES,
  CHALLENGE_ERROR_CODES,
  categoryOf,
  MODERATION_INPUT_CODES,
  REINIT_SDK_CODES,
  SERVER_VERDICT_CODES,
  SERVICE_ERROR_CODES,
} from '../src'

const EVERY_CODE = [
  ...BROWSER_ERROR_CODES,
  ...REINIT_SDK_CODES,
  ...CHALLENGE_ERROR_CODES,
  ...SERVICE_ERROR_CODES,
  ...SERVER_VERDICT_CODES,
  ...MODERATION_INPUT_CODES,
]

describe('categoryOf', () => {
  it.each(EVERY_CODE)('gives %s one of the categories', (code) => {
    expect(CATEGORIES).toContain(categoryOf(code))
  })

  it('groups the causes the reference article names', () => {
    expect(categoryOf('token_already_used')).toBe('token')
    expect(categoryOf('invalid_app_secret')).toBe('config')
    expect(categoryOf('script_blocked')).toBe('loading')
    expect(categoryOf('request_rejected')).toBe('request')
    expect(categoryOf('request_failed')).toBe('upstream')
    expect(categoryOf('challenge_closed')).toBe('visitor')
    expect(categoryOf('degraded_rejected')).toBe('policy')
  })

  // The server keeps no fix for a loading failure: those are the browser's (script, widget, timeout).
  it('gives no code a server reports the loading category', () => {
    for (const code of [...SERVICE_ERROR_CODES, ...SERVER_VERDICT_CODES, ...MODERATION_INPUT_CODES])
      expect(categoryOf(code), code).not.toBe('loading')
  })

  it('knows nothing of a code outside the vocabulary, whatever its type', () => {
    for (const stranger of ['toString', '__proto__', '', 'nope', 42, null, undefined, {}]) {
      expect(categoryOf(stranger)).toBeUndefined()
      expect(browserCategoryOf(stranger)).toBeUndefined()
    }
  })
})

describe('browserCategoryOf: the browser bundle’s table', () => {
  const BROWSER_SIDE = [...BROWSER_ERROR_CODES, ...REINIT_SDK_CODES, ...CHALLENGE_ERROR_CODES]
  it.each(BROWSER_SIDE)('knows %s, in the same category as the whole table', (code) => {
    expect(browserCategoryOf(code)).toBe(categoryOf(code))
  })

  it('holds no code only a server reports', () => {
    const serverOnly = EVERY_CODE.filter((code) => !(BROWSER_SIDE as readonly string[]).includes(code))
    expect(serverOnly).toContain('answer_lost')
    for (const code of serverOnly) expect(browserCategoryOf(code), code).toBeUndefined()
  })
})
