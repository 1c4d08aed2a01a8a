#!/usr/bin/env node
import { parseArgs } from 'node:util'
import { startEmulator } from './startEmulator'

const HELP = `captchala-emulator: a local CaptchaLa on loopback

  --port N            default 8787; 0 picks a free port
  --host H            default 127.0.0.1
  --token-ttl S       pass token lifetime in seconds (default 120)
  --pow-difficulty N  leading zero bits of the invisible proof of work (default 14)
  --app KEY:SECRET    another app (repeatable); demo_app/demo_secret and the test_* keys always exist
  --seed S            reproducible ids and salts (tests only)
  --no-control-plane  turn /__emulator/* off
  --quiet             no request log
`

function number(value: string | undefined, name: string, min: number, max: number) {
  if (value === undefined) return undefined
  const n = Number(value)
  if (!Number.isInteger(n) || n < min || n > max)
    throw new Error(`--${name} takes a whole number from ${min} to ${max}`)
  return n
}

try {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      'token-ttl': { type: 'string' },
      'pow-difficulty': { type: 'string' },
      app: { type: 'string', multiple: true },
      seed: { type: 'string' },
      'no-control-plane': { type: 'boolean' },
      quiet: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  })
  if (values.help) {
    process.stdout.write(HELP)
    process.exit(0)
  }
  const emulator = await startEmulator({
    port: number(values.port, 'port', 0, 65_535) ?? 8787,
    host: values.host,
    tokenTtl: number(values['token-ttl'], 'token-ttl', 1, 86_400),
    powDifficulty: number(values['pow-difficulty'], 'pow-difficulty', 0, 32),
    apps: values.app ?? [],
    seed: values.seed,
    controlPlane: !values['no-control-plane'],
    log: !values.quiet,
  })
  console.log(`captchala-emulator listening on ${emulator.url}`)
  const stop = () => emulator.close().then(() => process.exit(0))
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
} catch (error) {
  // Wrong arguments get the usage (exit 2); a system's refusal, such as a port in use, only its message.
  const { message, code } = error as NodeJS.ErrnoException
  const usage = !code || code.startsWith('ERR_PARSE_ARGS')
  console.error(`captchala-emulator: ${message}${usage ? `\n\n${HELP}` : ''}`)
  process.exit(usage ? 2 : 1)
}
