#!/usr/bin/env node
// captchala-doctor (`npx @captchala/server`): the checklist of a CaptchaLa setup. See doctor/settings.ts for
// the flags and README.md, "The doctor".
import { runDoctor } from './doctor/doctor'
import { checklistOf } from './doctor/report'
import { readSettings, USAGE, UsageError } from './doctor/settings'

const EXIT_PROBLEM = 1
const EXIT_USAGE = 2

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
  if (!(error instanceof UsageError)) throw error
  console.error(`captchala-doctor: ${error.message}\n\n${USAGE}`)
  process.exitCode = EXIT_USAGE
}
