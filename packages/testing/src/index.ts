export { type AdapterHarness, adapterScenarios, type Scenario, type ScenarioProps } from './adapterScenarios'
export { fakeScripts, type ScriptBehaviour } from './fakeScripts'
export { createFakeSdk, type FakeSdkOptions, type FakeWidget, installFakeSdk } from './fakeSdk'
