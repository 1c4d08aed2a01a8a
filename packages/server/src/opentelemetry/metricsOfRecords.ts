import type { Attributes, Counter, Histogram, Meter } from '@opentelemetry/api'
import type { CaptchalaRecord } from '../CaptchalaRecord'

/** The metric names, in OTel's naming; Prometheus reads them as `captchala_calls_total` and so on. */
export const METRICS = {
  calls: 'captchala.calls',
  duration: 'captchala.call.duration',
  breakerState: 'captchala.breaker.state',
} as const

/** Buckets of the duration histogram, in seconds: CaptchaLa answers in tens of milliseconds; 5 s is its deadline. */
const DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]

export interface RecordMetrics {
  calls: Counter
  duration: Histogram
}

export function createRecordMetrics(meter: Meter): RecordMetrics {
  return {
    calls: meter.createCounter(METRICS.calls, {
      description: 'Calls to CaptchaLa',
      unit: '{call}',
    }),
    duration: meter.createHistogram(METRICS.duration, {
      description: 'How long a call to CaptchaLa took, retries and outage checks included',
      unit: 's',
      advice: { explicitBucketBoundaries: DURATION_BUCKETS },
    }),
  }
}

/**
 * Low cardinality only: never the token id or the request id. The action is a validation's expected one (the
 * site's own constant), never the token's, which whoever made the token chose, nor an issue call's, which a
 * site may take from its visitor's request.
 */
export function metricAttributesOf(record: CaptchalaRecord): Attributes {
  return {
    'captchala.call': record.call,
    'captchala.result': record.result,
    'captchala.category': record.category ?? 'none',
    'captchala.code': record.code ?? 'none',
    'captchala.action': (record.call === 'validate' && record.expectedAction) || 'none',
  }
}

export function countRecord(metrics: RecordMetrics, record: CaptchalaRecord) {
  const attributes = metricAttributesOf(record)
  metrics.calls.add(1, attributes)
  metrics.duration.record(record.latencyMs / 1000, {
    'captchala.call': record.call,
    'captchala.result': record.result,
    'captchala.upstream': record.upstream ?? 'none',
  })
}
