import { categoryOf, PASS_PREFIX, readEnvelope, VALIDATE_PATH } from '@captchala/contract'
import { fixFor } from '../failureFix'
import { DEFAULTS } from '../options'
import { isRedirect, originOf, redirectFix } from '../redirect'
import { toValidateError } from '../ValidateResult'
import { type Answer, askCaptchala } from './askCaptchala'
import { type Check, ok, problem, warning } from './Check'
import type { DoctorSettings } from './settings'

/**
 * A validation that consumes nothing: a pass token no app was given, with `keep_token`. CaptchaLa checks the
 * key and the secret before the token, so `invalid_token` says the pair is right.
 */
const PAIR_PROBE = { pass_token: `${PASS_PREFIX}captchala_doctor_probe`, keep_token: true }

/** Where the doctor reads each URL from (its flags say the same). */
const SETTING_OF = { main: 'CAPTCHALA_BASE_URL', backup: 'CAPTCHALA_BACKUP_URL' } as const

/** A Date header counts whole seconds: a difference of one is no difference. */
const DATE_RESOLUTION_SECONDS = 1

/** A clock this far from CaptchaLa's makes token ages and expiries look wrong in the logs. */
const SKEW_WARNING_SECONDS = 60

/** The key, the secret, and each CaptchaLa URL: answers, how fast, whether the pair is one, the clock. */
export async function checkUpstreams(settings: DoctorSettings): Promise<Check[]> {
  const checks: Check[] = []
  if (!settings.appKey || !settings.appSecret) {
    const missing = [!settings.appKey && 'CAPTCHALA_APP_KEY', !settings.appSecret && 'CAPTCHALA_APP_SECRET']
      .filter(Boolean)
      .join(' and ')
    return [
      problem(
        'config',
        'key and secret set',
        `${missing} not set`,
        'Set both to the key and secret of one CaptchaLa app (for the emulator, its demo_app pair), or pass --app-key and --app-secret.',
      ),
    ]
  }
  checks.push(
    ok('config', 'key and secret set', `app key ${JSON.stringify(settings.appKey)}, the secret given`),
  )
  const urls = [
    ['main', `${settings.baseUrl}${VALIDATE_PATH}`],
    ['backup', settings.backupUrl],
  ] as const
  const answers = await Promise.all(urls.map(([, url]) => askCaptchala(url, PAIR_PROBE, settings)))
  urls.forEach(([name, url], index) => {
    checks.push(...judgeUrl(name, url, answers[index]!, settings))
  })
  const skew = skewOf(answers)
  if (skew !== null) checks.push(skewCheck(skew))
  return checks
}

function judgeUrl(name: 'main' | 'backup', url: string, answer: Answer, settings: DoctorSettings): Check[] {
  const reached = `${name} URL answers`
  if (!answer.answered) {
    return [
      problem(
        'upstream',
        reached,
        `${url}: ${answer.reason}`,
        `Check the URL and the path from this server to it (DNS, firewall, proxy). While it does not answer, the server SDK's breaker for it opens after ${DEFAULTS.breakerFailures} calls in a row (by default) and answers at once${name === 'main' ? ' (503: the visitor tries again)' : ' (outage tokens cannot be checked)'}.`,
      ),
    ]
  }
  const who = answer.emulated ? 'the local emulator' : 'not the emulator'
  if (isRedirect(answer.status)) {
    const to = originOf(answer.location, url)
    return [
      problem(
        'config',
        reached,
        `${url}: HTTP ${answer.status}, a redirect to ${to ?? 'no readable address'} (${who})`,
        redirectFix(url, answer.status, to, SETTING_OF[name]),
      ),
    ]
  }
  if (answer.status >= 500) {
    return [
      problem(
        'upstream',
        reached,
        `${url}: HTTP ${answer.status} (${who})`,
        'CaptchaLa (or a proxy in front of it) is failing: the server SDK answers 503 until it recovers.',
      ),
    ]
  }
  if (!answer.envelope) {
    return [
      problem(
        'upstream',
        reached,
        `${url}: HTTP ${answer.status}, ${answer.contentType}, not CaptchaLa's answer`,
        `The URL answers with something else than CaptchaLa's API (a website, a proxy's page): check ${SETTING_OF[name]}.`,
      ),
    ]
  }
  const checks = [ok('upstream', reached, `${url}: HTTP ${answer.status} in ${answer.latencyMs} ms (${who})`)]
  const reading = readEnvelope(answer.envelope)
  const pair = `key and secret are a pair (${name})`
  if (reading.wentThrough) {
    checks.push(ok('config', pair, `${name} knows app key ${JSON.stringify(settings.appKey)} and its secret`))
    return checks
  }
  const code = toValidateError(reading.errorCode, answer.status)
  const category = categoryOf(code)
  // A refusal of the probe's token itself still says the key and the secret were accepted.
  if (category === 'token') {
    checks.push(ok('config', pair, `${name} accepted the key and secret (the probe token: ${code})`))
    return checks
  }
  const fix = fixFor(code, { appKey: settings.appKey, url, emulated: answer.emulated })
  const refused = category === 'config' ? problem : warning
  checks.push(refused('config', pair, `${name} answers ${code}`, fix))
  return checks
}

// CaptchaLa's clock, from the Date header of the first answer that is CaptchaLa's (not a proxy's page),
// against this machine's when that answer came.
function skewOf(answers: Answer[]): number | null {
  for (const answer of answers) {
    if (answer.answered && answer.envelope && answer.date && !Number.isNaN(answer.date.getTime())) {
      return Math.round((answer.receivedAt - answer.date.getTime()) / 1000)
    }
  }
  return null
}

function skewCheck(skewSeconds: number): Check {
  const detail =
    Math.abs(skewSeconds) <= DATE_RESOLUTION_SECONDS
      ? "this machine and CaptchaLa agree (to the Date header's second)"
      : `this machine is ${Math.abs(skewSeconds)} s ${skewSeconds > 0 ? 'ahead of' : 'behind'} CaptchaLa`
  return Math.abs(skewSeconds) > SKEW_WARNING_SECONDS
    ? warning(
        'config',
        'clock',
        detail,
        "Synchronise this machine's clock (NTP): token ages and log times will not match CaptchaLa's.",
      )
    : ok('config', 'clock', detail)
}
