import { context, SpanKind, SpanStatusCode } from '@opentelemetry/api'
import { InstrumentationBase, type InstrumentationConfig } from '@opentelemetry/instrumentation'
// the scope of the spans and metrics: this package, at its version
import { name, version } from '../../package.json'
import type { CaptchalaRecord, RecordListener } from '../CaptchalaRecord'
import { countRecord, createRecordMetrics, type RecordMetrics } from './metricsOfRecords'
import { createBreakerGauge } from './observedClients'
import { subscribeToRecords } from './recordSubscription'
import { isFailure, spanAttributesOf, spanNameOf, timingOf } from './spanOfRecord'

export interface CaptchalaInstrumentationConfig extends InstrumentationConfig {
  /**
   * Read records from `node:diagnostics_channel` (`captchala:record`); default `true`, where the runtime has
   * it. Where it has none (edge runtimes), hand `instrumentation.onRecord` to `createClient({ onRecord })`.
   */
  diagnosticsChannel?: boolean
}

/**
 * Spans and metrics of the server SDK's calls to CaptchaLa, made from its records, in the form of OTel's
 * contrib instrumentations: `registerInstrumentations({ instrumentations: [new CaptchalaInstrumentation()] })`.
 * It patches nothing: it listens to the records, as OTel's undici instrumentation listens to undici's
 * diagnostics channels. A record is published when its call ends, still inside the caller's async context,
 * so the span's parent is the span active when the call was made: the user's request.
 */
export class CaptchalaInstrumentation extends InstrumentationBase<CaptchalaInstrumentationConfig> {
  // `declare`, without initialisers: the base class's constructor calls enable() and
  // _updateMetricInstruments(), which set them, before a subclass's initialisers would run.
  declare private active: boolean | undefined
  declare private unsubscribe: (() => void) | undefined
  declare private metrics: RecordMetrics | undefined
  declare private stopGauge: (() => void) | undefined

  constructor(config: CaptchalaInstrumentationConfig = {}) {
    super(name, version, config)
  }

  /** A record listener for `createClient({ onRecord })`, where there is no diagnostics channel. */
  readonly onRecord: RecordListener = (record) => this.take(record)

  protected override init() {
    // nothing to patch: the records come through the diagnostics channel or `onRecord`
  }

  override enable() {
    if (this.active) return
    this.active = true
    if (this._config.diagnosticsChannel === false) return
    this.unsubscribe = subscribeToRecords((record) => this.take(record))
    // Node before 20.16 (no process.getBuiltinModule) and edge runtimes: the records come through onRecord
    if (!this.unsubscribe) this._diag.warn('no diagnostics channel: pass onRecord to createClient')
  }

  override disable() {
    this.active = false
    this.unsubscribe?.()
    this.unsubscribe = undefined
  }

  protected override _updateMetricInstruments() {
    this.stopGauge?.()
    this.metrics = createRecordMetrics(this.meter)
    this.stopGauge = createBreakerGauge(this.meter)
  }

  private take(record: CaptchalaRecord) {
    if (!this.active) return
    const { start, end } = timingOf(record)
    const span = this.tracer.startSpan(
      spanNameOf(record),
      { kind: SpanKind.CLIENT, startTime: start, attributes: spanAttributesOf(record) },
      context.active(),
    )
    if (isFailure(record)) span.setStatus({ code: SpanStatusCode.ERROR, message: record.code ?? '' })
    span.end(end)
    if (this.metrics) countRecord(this.metrics, record)
  }
}
