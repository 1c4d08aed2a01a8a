export {
  type AdapterHarness,
  adapterScenarios,
  rethrow,
  type Scenario,
  type ScenarioProps,
} from './adapterScenarios'
export { fakeScripts, type ScriptBehaviour } from './fakeScripts'
export { installFakeSdk } from './installFakeSdk'
