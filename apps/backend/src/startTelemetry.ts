import { CaptchalaInstrumentation } from '@captchala/server/opentelemetry'
import { PrometheusExporter } from '@opentelemetry/exporter-prometheus'
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http'
import { NodeSDK } from '@opentelemetry/sdk-node'
import { onShutdown } from './shutdownHooks'
import type { TelemetrySettings } from './telemetrySettings'

/**
 * OpenTelemetry's Node SDK with the HTTP instrumentation (each request's span) and CaptchaLa's (a span per
 * call, metrics); Prometheus's exporter on `METRICS_PORT` when set. The SDK reads the other `OTEL_*`
 * variables itself; an exporter nobody asked for is turned off rather than left at its OTLP default.
 */
export async function startTelemetry(settings: TelemetrySettings) {
  if (!settings.traces) process.env.OTEL_TRACES_EXPORTER = 'none'
  if (!settings.metricsFromEnv) process.env.OTEL_METRICS_EXPORTER = 'none'
  process.env.OTEL_LOGS_EXPORTER ??= 'none'
  const prometheus =
    settings.metricsPort === undefined
      ? undefined
      : new PrometheusExporter({ port: settings.metricsPort, host: process.env.HOST || '127.0.0.1' })
  const sdk = new NodeSDK({
    instrumentations: [new HttpInstrumentation(), new CaptchalaInstrumentation()],
    ...(prometheus ? { metricReaders: [prometheus] } : {}),
  })
  sdk.start()
  // the spans and metrics not yet exported go out before the process exits
  onShutdown(() => sdk.shutdown())
}
