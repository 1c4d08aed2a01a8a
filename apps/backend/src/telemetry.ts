// Loaded before the backend with `node --import ./dist/telemetry.js` (the backend is ESM: the HTTP
// instrumentation must hook node:http before Fastify loads it). Starts OpenTelemetry's Node SDK only when
// the environment asks for it (telemetrySettings.ts); otherwise it loads nothing more.
import { telemetrySettings, telemetryWanted } from './telemetrySettings'

try {
  const settings = telemetrySettings()
  if (telemetryWanted(settings)) {
    const { startTelemetry } = await import('./startTelemetry')
    await startTelemetry(settings)
  }
} catch (error) {
  // as main.ts reports a bad setting: one line, exit code 2
  console.error(`captchala backend: ${(error as Error).message}`)
  process.exit(2)
}
