import { visitorMessage } from '@captchala/core'
import type { FormAction } from './stories'

/** What a person sees after sending a form, with what an engineer needs beside it. */
export interface Outcome {
  kind: 'ok' | 'refused' | 'error'
  message: string
  /** the backend's or the kit's error code */
  code?: string
  /** which of the few causes the failure has (`token`, `config`, `loading`...) */
  category?: string
  requestId?: string
  /** the token id the backend's record carries (the browser's events name the same) */
  tokenId?: string
  tokenType?: string
  /** the HTTP status of the backend's answer */
  status?: number
}

interface Answer {
  ok?: boolean
  error?: string
  category?: string
  message?: string
  requestId?: string
  tokenId?: string
  tokenType?: string
  offline?: boolean
  clientOnly?: boolean
}

/** Posts a form with its token to the reference backend and reads the answer into an `Outcome`. */
export async function submitForm(
  action: FormAction,
  token: string,
  fields: Record<string, string>,
  success: string,
  lang: string,
): Promise<Outcome> {
  let res: Response
  let answer: Answer
  try {
    res = await fetch(`/api/${action}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...fields, captchala_token: token }),
    })
    answer = (await res.json()) as Answer
  } catch {
    return { kind: 'error', message: 'The site could not be reached. Please try again.', code: 'network' }
  }
  const { status } = res
  if (!answer.ok)
    return {
      kind: 'refused',
      // The visitor's words for the verdict's cause, in their language (the backend's message is English).
      message: visitorMessage(answer, lang),
      code: answer.error,
      category: answer.category,
      requestId: answer.requestId,
      tokenId: answer.tokenId,
      status,
    }
  const how = answer.offline
    ? ' (verified through the backup: the main API is down)'
    : answer.clientOnly
      ? ' (CaptchaLa is unreachable; this form accepts an unverified token once)'
      : ''
  return {
    kind: 'ok',
    message: success + how,
    requestId: answer.requestId,
    tokenId: answer.tokenId,
    tokenType: answer.tokenType,
    status,
  }
}
