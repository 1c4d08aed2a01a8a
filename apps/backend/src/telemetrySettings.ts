/**
 * Whether the backend runs OpenTelemetry's SDK, read from the standard `OTEL_*` variables and `METRICS_PORT`.
 * Off unless asked: `pnpm start` loads none of it.
 */
export interface TelemetrySettings {
  /** spans go where `OTEL_TRACES_EXPORTER` / `OTEL_EXPORTER_OTLP_*ENDPOINT` say */
  traces: boolean
  /** metrics for Prometheus on this port (`METRICS_PORT`), on the backend's host */
  metricsPort: number | undefined
  /** metrics go where `OTEL_METRICS_EXPORTER` says (when no `METRICS_PORT`) */
  metricsFromEnv: boolean
}

const MAX_PORT = 65_535

export function telemetrySettings(env: Record<string, string | undefined> = process.env): TelemetrySettings {
  const disabled = env.OTEL_SDK_DISABLED === 'true'
  const asked = (name: string) => !disabled && Boolean(env[name]) && env[name] !== 'none'
  const port = env.METRICS_PORT
  if (port && !(Number.isInteger(Number(port)) && Number(port) > 0 && Number(port) <= MAX_PORT))
    throw new Error(`METRICS_PORT must be a port from 1 to ${MAX_PORT}, got "${port}"`)
  return {
    traces:
      asked('OTEL_TRACES_EXPORTER') ||
      asked('OTEL_EXPORTER_OTLP_ENDPOINT') ||
      asked('OTEL_EXPORTER_OTLP_TRACES_ENDPOINT'),
    metricsPort: port && !disabled ? Number(port) : undefined,
    metricsFromEnv: asked('OTEL_METRICS_EXPORTER'),
  }
}

export const telemetryWanted = (settings: TelemetrySettings) =>
  settings.traces || settings.metricsPort !== undefined || settings.metricsFromEnv
