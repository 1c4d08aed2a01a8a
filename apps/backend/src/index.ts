export { type BackendConfig, readConfig } from './config'
export { type BackendDeps, createBackend, FORM_ACTIONS } from './createBackend'
export { policy, type ServedApp, serveApps, withNonce } from './serveApps'
