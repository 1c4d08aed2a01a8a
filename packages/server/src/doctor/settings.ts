import { parseArgs } from 'node:util'
import { BACKUP_VALIDATE_PATH, SERVICE_API_URL, SERVICE_BACKUP_VALIDATE_URL } from '@captchala/contract'

/** What the doctor checks: the reference backend's environment variables, each overridable by a flag. */
export interface DoctorSettings {
  appKey: string
  appSecret: string
  baseUrl: string
  backupUrl: string
  /** a page of the site, whose Content-Security-Policy is read */
  page: string | undefined
  /** the SDK's script URL when the page's HTML does not name it (its `loader.src`) */
  scriptSrc: string | undefined
  /** one pass token to look at without consuming it */
  token: string | undefined
  json: boolean
  /** how long each request may take */
  timeoutMs: number
}

export const DEFAULT_TIMEOUT_MS = 5_000

export const USAGE = `captchala-doctor: checks a CaptchaLa setup and names the broken stage.

Usage: captchala-doctor [--page URL] [--token TOKEN] [--json]

Reads the reference backend's environment variables, or the flag beside each:
  CAPTCHALA_APP_KEY       --app-key KEY        the app's public key
  CAPTCHALA_APP_SECRET    --app-secret SECRET  its secret (prefer the variable: a flag stays in shell history)
  CAPTCHALA_BASE_URL      --base-url URL       CaptchaLa's API (default ${SERVICE_API_URL})
  CAPTCHALA_BACKUP_URL    --backup-url URL     the backup validation URL (default CaptchaLa's, or
                                               the base URL's ${BACKUP_VALIDATE_PATH} when the base is not CaptchaLa's)
Page and token:
  --page URL          reads the page's Content-Security-Policy (header and meta) and checks the SDK can load
  --script-src URL    the SDK's script URL (loader.src) when the page's HTML does not name it
  --token TOKEN       validates one pass token with keep_token (not consumed): its action, kind and age
Output:
  --json              one JSON object, for CI
  --timeout-ms N      the wait for each request (default ${DEFAULT_TIMEOUT_MS})
Exit status: 0 when nothing is a problem (warnings do not count), 1 on a problem, 2 on a usage error.`

export class UsageError extends Error {}

export function readSettings(
  argv: string[],
  env: Record<string, string | undefined>,
): DoctorSettings | 'help' {
  let values: Record<string, string | boolean | undefined>
  try {
    ;({ values } = parseArgs({
      args: argv,
      options: {
        'app-key': { type: 'string' },
        'app-secret': { type: 'string' },
        'base-url': { type: 'string' },
        'backup-url': { type: 'string' },
        page: { type: 'string' },
        'script-src': { type: 'string' },
        token: { type: 'string' },
        json: { type: 'boolean' },
        'timeout-ms': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }))
  } catch (error) {
    throw new UsageError((error as Error).message)
  }
  if (values.help) return 'help'
  const text = (flag: string, variable?: string) => {
    const value = (values[flag] as string | undefined) ?? (variable ? env[variable] : undefined)
    return value?.trim() || undefined
  }
  const baseUrl = (text('base-url', 'CAPTCHALA_BASE_URL') ?? SERVICE_API_URL).replace(/\/+$/, '')
  const timeout = text('timeout-ms') ?? String(DEFAULT_TIMEOUT_MS)
  const timeoutMs = Number(timeout)
  if (!Number.isInteger(timeoutMs) || timeoutMs < 1 || timeoutMs > 600_000) {
    throw new UsageError(
      `--timeout-ms must be a whole number of milliseconds from 1 to 600000, got "${timeout}"`,
    )
  }
  const settings: DoctorSettings = {
    appKey: text('app-key', 'CAPTCHALA_APP_KEY') ?? '',
    appSecret: text('app-secret', 'CAPTCHALA_APP_SECRET') ?? '',
    baseUrl,
    backupUrl: text('backup-url', 'CAPTCHALA_BACKUP_URL') ?? defaultBackupFor(baseUrl),
    page: text('page'),
    scriptSrc: text('script-src'),
    token: text('token'),
    json: values.json === true,
    timeoutMs,
  }
  for (const [flag, url] of [
    ['--base-url', settings.baseUrl],
    ['--backup-url', settings.backupUrl],
    ['--page', settings.page],
    ['--script-src', settings.scriptSrc],
  ] as const) {
    if (url !== undefined && !isHttpUrl(url))
      throw new UsageError(`${flag} must be an http or https URL, got "${url}"`)
  }
  return settings
}

// CaptchaLa's backup lives on its own host; anything else (the emulator, a proxy) serves it under the base URL,
// as the reference backend assumes.
const defaultBackupFor = (baseUrl: string) =>
  baseUrl === SERVICE_API_URL ? SERVICE_BACKUP_VALIDATE_URL : `${baseUrl}${BACKUP_VALIDATE_PATH}`

function isHttpUrl(value: string): boolean {
  try {
    return ['http:', 'https:'].includes(new URL(value).protocol)
  } catch {
    return false
  }
}
