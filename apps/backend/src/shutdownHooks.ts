/**
 * What must run before the backend's process exits (OpenTelemetry's last export): `main.ts` awaits them after
 * the server closed, since `process.exit` skips `beforeExit`. One list for the whole process, whichever
 * bundle registers into it (telemetry.js is loaded apart from main.js).
 */
const HOOKS = Symbol.for('captchala.backend.shutdownHooks')

type Hook = () => Promise<void>

const hooks = (): Hook[] => {
  const host = globalThis as { [HOOKS]?: Hook[] }
  host[HOOKS] ??= []
  return host[HOOKS]
}

export const onShutdown = (hook: Hook) => {
  hooks().push(hook)
}

/** Runs every hook; one that fails does not keep the others from running. */
export const runShutdownHooks = () => Promise.allSettled(hooks().map((hook) => hook()))
