import { categoryOf, readEnvelope, saysPassed, tokenInfo, VALIDATE_PATH } from '@captchala/contract'
import { fixFor } from '../failureFix'
import { isRedirect, originOf } from '../redirect'
import { toValidateError } from '../ValidateResult'
import { askCaptchala } from './askCaptchala'
import { type Check, ok, problem, warning } from './Check'
import type { DoctorSettings } from './settings'

const NAME = 'the token given'

/**
 * Looks at one pass token without consuming it (`keep_token`): its kind and id (never the token), and what
 * CaptchaLa says of it: the action it was made for and how long ago it was solved, or why it is refused.
 */
export async function checkToken(token: string, settings: DoctorSettings): Promise<Check> {
  const info = tokenInfo(token)
  const kind = `${info.type} token, id ${info.id}`
  if (info.type === 'client') {
    return warning(
      'policy',
      NAME,
      `${kind}: made in the browser while CaptchaLa could not be reached`,
      'No one can verify it: your policy decides (the server SDK refuses it unless CaptchaLa is out as seen by your server).',
    )
  }
  // An outage token is checked where it was made: the backup.
  const url = info.type === 'offline' ? settings.backupUrl : `${settings.baseUrl}${VALIDATE_PATH}`
  const answer = await askCaptchala(url, { pass_token: token, keep_token: true }, settings)
  if (!answer.answered || !answer.envelope) {
    const redirect = answer.answered && isRedirect(answer.status)
    const notAnswer = redirect
      ? `a redirect to ${originOf(answer.location, url)} (not followed)`
      : "not CaptchaLa's answer"
    const seen = answer.answered ? `HTTP ${answer.status}, ${notAnswer}` : answer.reason
    return problem('upstream', NAME, `${kind}: ${url}: ${seen}`, 'See the URL checks above.')
  }
  const reading = readEnvelope(answer.envelope)
  const data = reading.wentThrough ? reading.data : {}
  if (reading.wentThrough && saysPassed(data)) {
    const action = typeof data.action === 'string' ? data.action : 'none named'
    return ok(
      'token',
      NAME,
      `${kind}: valid for action ${JSON.stringify(action)}${ageOf(data, answer.date)} (not consumed)`,
    )
  }
  const code = toValidateError(reading.wentThrough ? data.error : reading.errorCode, answer.status)
  const fix = fixFor(code, { appKey: settings.appKey, url, emulated: answer.emulated })
  return problem(categoryOf(code) ?? 'token', NAME, `${kind}: ${code}`, fix)
}

// `captcha_args.solved_at` (seconds) against CaptchaLa's clock when its answer had a date.
function ageOf(data: Record<string, unknown>, date: Date | null): string {
  const solvedAt = (data.captcha_args as { solved_at?: unknown } | undefined)?.solved_at
  if (typeof solvedAt !== 'number') return ''
  const now = date && !Number.isNaN(date.getTime()) ? date.getTime() : Date.now()
  return `, solved ${Math.max(0, Math.round(now / 1000 - solvedAt))} s ago`
}
