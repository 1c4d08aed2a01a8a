export { type AdapterHarness, adapterScenarios, type Scenario, type ScenarioProps } from './adapterScenarios'
export { createTestClock, type TestClock } from './createTestClock'
export { fakeScripts, type ScriptBehaviour } from './fakeScripts'
export { createFakeSdk, type FakeSdkOptions, type FakeWidget, installFakeSdk } from './fakeSdk'
