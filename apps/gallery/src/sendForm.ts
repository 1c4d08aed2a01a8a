import type { CaptchaController, CaptchaError } from '@captchala/core'
import type { Trail } from '@captchala/devtools'
import { outcomeOfError } from './outcomeOfError'
import type { FormSpec } from './stories'
import { type Outcome, submitForm } from './submitForm'

/**
 * Sends a form through the double-submit guard: clicks while it is on its way join it, so the backend
 * sees one request and the token is never sent twice. A click that joined gets `undefined`: the outcome
 * is shown by the click that sent.
 */
export async function sendForm(
  withToken: CaptchaController['withToken'],
  form: FormSpec,
  fields: Record<string, string>,
  diagnostics: Trail,
  lang: string,
): Promise<Outcome | undefined> {
  try {
    return await withToken(async (token) => {
      const started = Date.now()
      const outcome = await submitForm(form.action, token, fields, form.success, lang)
      // The backend's verdict beside the browser's rows of the same token id, in the devtools panel.
      diagnostics.verdict(form.action, {
        ok: outcome.kind === 'ok',
        code: outcome.code,
        category: outcome.category,
        requestId: outcome.requestId,
        tokenId: outcome.tokenId,
        status: outcome.status,
        ms: Date.now() - started,
      })
      return outcome
    })
  } catch (error) {
    return outcomeOfError(error as CaptchaError, lang)
  }
}
