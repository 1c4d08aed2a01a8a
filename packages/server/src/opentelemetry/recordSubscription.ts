import { RECORD_CHANNEL, type RecordListener } from '../CaptchalaRecord'

interface DiagnosticsChannelModule {
  subscribe(name: string, listener: (message: unknown) => void): void
  unsubscribe(name: string, listener: (message: unknown) => void): boolean
}

/**
 * Subscribes `listener` to the records' diagnostics channel where the runtime has one; `undefined` where it has
 * none (the runtime is asked through `process.getBuiltinModule`, so this entry loads on edge runtimes too).
 * Returns the unsubscribe.
 */
export function subscribeToRecords(listener: RecordListener): (() => void) | undefined {
  const host = Reflect.get(globalThis, 'process') as
    | { getBuiltinModule?: (id: string) => DiagnosticsChannelModule | undefined }
    | undefined
  const channels = host?.getBuiltinModule?.('node:diagnostics_channel')
  if (!channels) return undefined
  const handler = (message: unknown) => listener(message as Parameters<RecordListener>[0])
  channels.subscribe(RECORD_CHANNEL, handler)
  return () => {
    channels.unsubscribe(RECORD_CHANNEL, handler)
  }
}
