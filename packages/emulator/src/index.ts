export { type AppConfig, BUILTIN_APPS, type Tier } from './apps'
export {
  FAULT_MODES,
  type FaultMode,
  ROUTE_FAULT_MODES,
  type RouteFault,
  type RouteFaultMode,
} from './faultModes'
export type { Faults } from './faults'
export { type Emulator, type EmulatorOptions, startEmulator } from './startEmulator'
export { memoryStore, type TokenStore } from './TokenStore'
