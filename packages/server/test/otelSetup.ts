// OpenTelemetry's SDK as a user's app registers it, with in-memory exporters: imported first by the test, so
// that the HTTP instrumentation hooks node:http before Fastify loads it.
import { context, metrics, trace } from '@opentelemetry/api'
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks'
import { registerInstrumentations } from '@opentelemetry/instrumentation'
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http'
import { MeterProvider, MetricReader } from '@opentelemetry/sdk-metrics'
import { InMemorySpanExporter, SimpleSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace'
import { CaptchalaInstrumentation } from '../src/opentelemetry'

/** A reader collected by hand, as Prometheus's scrape collects. */
class ReaderOnDemand extends MetricReader {
  protected override async onForceFlush() {}
  protected override async onShutdown() {}
}

export const spans = new InMemorySpanExporter()
export const metricReader = new ReaderOnDemand()
const tracerProvider = new TracerProvider({ spanProcessors: [new SimpleSpanProcessor({ exporter: spans })] })
const meterProvider = new MeterProvider({ readers: [metricReader] })
context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable())
trace.setGlobalTracerProvider(tracerProvider)
metrics.setGlobalMeterProvider(meterProvider)
export const instrumentation = new CaptchalaInstrumentation()
registerInstrumentations({ instrumentations: [new HttpInstrumentation(), instrumentation] })
