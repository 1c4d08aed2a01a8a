import { visitorMessage } from '@captchala/core'
import { routeQuery } from './route'
import type { FormSpec } from './stories'
import type { Outcome } from './submitForm'

/** The result's data attributes, the same in both apps: what the end-to-end tests read. */
export const outcomeData = ({ kind, code, category, requestId, tokenId, tokenType }: Outcome) => ({
  'data-outcome': kind,
  'data-code': code,
  'data-category': category,
  'data-request-id': requestId,
  'data-token-id': tokenId,
  'data-token-type': tokenType,
})

/** The answer a native form post came back with (`#/<story>?result=...`), if it did. */
export function returnedOutcome(form: FormSpec, lang: string): Outcome | undefined {
  const query = routeQuery()
  const result = query.get('result')
  if (!result) return undefined
  const requestId = query.get('requestId') ?? undefined
  const category = query.get('category') || undefined
  return result === 'ok'
    ? { kind: 'ok', message: form.success, requestId }
    : {
        kind: 'refused',
        message: visitorMessage({ error: result, category }, lang),
        code: result,
        category,
        requestId,
      }
}

/** Where a native form post should come back to: this story's page, in the visitor's language. */
export const returnPath = (storyId: string, lang: string) =>
  `${location.pathname}#/${storyId}?lang=${encodeURIComponent(lang)}`

/**
 * The line under a result that an engineer reads: the cause, the code, and the ids to look up in the
 * backend's log (its record of this validation carries both).
 */
export const outcomeMeta = ({ code, category, requestId, tokenId }: Outcome) =>
  [
    category && `cause ${category}`,
    code && `code ${code}`,
    requestId && `request ${requestId}`,
    tokenId && `token id ${tokenId}`,
  ]
    .filter(Boolean)
    .join(' · ')
