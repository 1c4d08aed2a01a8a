// @captchala/server/opentelemetry: spans and metrics of the SDK's calls, from its records. Nothing here is in
// the main entry: an app that does not import this pays nothing for OpenTelemetry.
export {
  CaptchalaInstrumentation,
  type CaptchalaInstrumentationConfig,
} from './CaptchalaInstrumentation'
export { METRICS, metricAttributesOf } from './metricsOfRecords'
export { observeBreakers } from './observedClients'
