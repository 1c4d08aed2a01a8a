import type { CaptchaController, CaptchaError } from '@captchala/core'
import type { Diagnostics } from './createDiagnostics'
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
  diagnostics: Diagnostics,
): Promise<Outcome | undefined> {
  try {
    return await withToken(async (token) => {
      const started = Date.now()
      const outcome = await submitForm(form.action, token, fields, form.success)
      diagnostics.answer(form.action, outcome, Date.now() - started)
      return outcome
    })
  } catch (error) {
    return outcomeOfError(error as CaptchaError)
  }
}
