import { describe, expect, it } from 'vitest'
import { tokenInfo } from '../src/tokens'

describe('tokenInfo', () => {
  it.each([
    ['pt_abc', 'pt_', 'pass'],
    ['dg_abc', 'dg_', 'degraded'],
    ['offline_abc', 'offline_', 'offline'],
    ['client_abc', 'client_', 'client'],
    ['co_abc', 'co_', 'client'],
    ['secret_value_here', '', 'unknown'],
    ['nounderscore', '', 'unknown'],
  ])('%s', (token, prefix, type) => {
    expect(tokenInfo(token)).toEqual({
      id: expect.stringMatching(/^[0-9a-z]{10}$/),
      prefix,
      length: token.length,
      type,
    })
  })
})
