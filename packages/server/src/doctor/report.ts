import type { Check, Verdict } from './Check'
import type { DoctorSettings } from './settings'

/** The whole run, as `--json` prints it. */
export interface DoctorReport {
  ok: boolean
  problems: number
  warnings: number
  /** what was checked: URLs and the public key, never the secret */
  checked: { appKey: string; baseUrl: string; backupUrl: string; page: string | null }
  checks: Check[]
  ms: number
}

export function reportOf(checks: Check[], settings: DoctorSettings, ms: number): DoctorReport {
  const count = (verdict: Verdict) => checks.filter((check) => check.verdict === verdict).length
  return {
    ok: count('problem') === 0,
    problems: count('problem'),
    warnings: count('warning'),
    checked: {
      appKey: settings.appKey,
      baseUrl: settings.baseUrl,
      backupUrl: settings.backupUrl,
      page: settings.page ?? null,
    },
    checks,
    ms,
  }
}

const MARK: Record<Verdict, string> = { ok: 'ok  ', problem: 'FAIL', warning: 'warn', not_visible: 'n/a ' }

/** The checklist a person reads: one line a check, its fix under it. */
export function checklistOf(report: DoctorReport): string {
  const lines = [
    `captchala-doctor: app key ${JSON.stringify(report.checked.appKey)}, main ${report.checked.baseUrl}, backup ${report.checked.backupUrl}${report.checked.page ? `, page ${report.checked.page}` : ''}`,
    '',
  ]
  for (const check of report.checks) {
    lines.push(`${MARK[check.verdict]}  ${check.stage.padEnd(8)}  ${check.name}: ${check.detail}`)
    if (check.fix) lines.push(`${' '.repeat(16)}fix: ${check.fix}`)
  }
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`
  lines.push(
    '',
    `${report.ok ? 'No problem found' : plural(report.problems, 'problem')}, ${plural(report.warnings, 'warning')} (${report.ms} ms).`,
  )
  return lines.join('\n')
}
