#!/usr/bin/env node
// captchala-doctor (`npx @captchala/server`): the checklist of a CaptchaLa setup. See doctor/settings.ts for
// the flags and README.md, "The doctor".
import { runDoctor } from './doctor/doctor'
import { checklistOf } from './doctor/report'
import { readSettings, USAGE, UsageError } from './doctor/settings'

const EXIT_PROBLEM = 1
const EXIT_USAGE = 2
/** the doctor itself failed (a defect to report): not to be read as "a problem was found" */
const EXIT_DOCTOR_FAILED = 3

try {
  const settings = readSettings(process.argv.slice(2), process.env)
  if (settings === 'help') {
    console.log(USAGE)
  } else {
    const report = await runDoctor(settings)
    console.log(settings.json ? JSON.stringify(report, null, 2) : checklistOf(report))
    process.exitCode = report.ok ? 0 : EXIT_PROBLEM
  }
} catch (error) {
  if (error instanceof UsageError) {
    console.error(`captchala-doctor: ${error.message}\n\n${USAGE}`)
    process.exitCode = EXIT_USAGE
  } else {
    // A runtime's error may quote a header it refused: the secret never goes out, even here.
    const flag = process.argv.findIndex((arg) => arg.startsWith('--app-secret'))
    const fromFlag = flag < 0 ? undefined : (process.argv[flag]!.split('=')[1] ?? process.argv[flag + 1])
    const secrets = [process.env.CAPTCHALA_APP_SECRET, fromFlag]
    let message = error instanceof Error ? error.message : String(error)
    for (const secret of secrets)
      if (secret?.trim()) message = message.replaceAll(secret.trim(), '[the secret]')
    const json = process.argv.includes('--json')
    console.error(
      json ? JSON.stringify({ ok: false, doctorFailed: message }) : `captchala-doctor failed: ${message}`,
    )
    process.exitCode = EXIT_DOCTOR_FAILED
  }
}
