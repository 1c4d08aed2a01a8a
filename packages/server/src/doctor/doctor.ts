import type { Check } from './Check'
import { checkPage } from './checkPage'
import { checkToken } from './checkToken'
import { checkUpstreams } from './checkUpstreams'
import { type DoctorReport, reportOf } from './report'
import type { DoctorSettings } from './settings'

/** Runs every check the settings call for, side by side, and the report of them in a stable order. */
export async function runDoctor(settings: DoctorSettings): Promise<DoctorReport> {
  const started = performance.now()
  const groups: Promise<Check[]>[] = [checkUpstreams(settings)]
  if (settings.page) groups.push(checkPage(settings))
  if (settings.token) {
    const canAsk = Boolean(settings.appKey && settings.appSecret)
    groups.push(
      canAsk
        ? checkToken(settings.token, settings).then((check) => [check])
        : Promise.resolve([tokenNotAsked]),
    )
  }
  const checks = (await Promise.all(groups)).flat()
  return reportOf(
    withoutSecret(checks, settings.appSecret),
    settings,
    Math.round(performance.now() - started),
  )
}

const tokenNotAsked: Check = {
  stage: 'token',
  name: 'the token given',
  verdict: 'not_visible',
  detail: 'not checked: CaptchaLa cannot be asked without the key and the secret',
}

// Nothing the doctor prints may hold the secret, whatever a server echoed back into a detail.
function withoutSecret(checks: Check[], secret: string): Check[] {
  if (!secret) return checks
  const hide = (text: string) => text.replaceAll(secret, '[the secret]')
  return checks.map((check) => ({
    ...check,
    detail: hide(check.detail),
    ...(check.fix ? { fix: hide(check.fix) } : {}),
  }))
}
