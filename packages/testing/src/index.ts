export { fakeScripts, type ScriptBehaviour } from './fakeScripts'
export { createFakeSdk, type FakeSdkOptions, type FakeWidget } from './fakeSdk'
