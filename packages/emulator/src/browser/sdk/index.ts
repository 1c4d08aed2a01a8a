/*! captchala-emulator SDK: window.Captchala as CONTRACT.md section 1 describes it, for local use only. */
import { type CaptchalaGlobal, TRUSTED_TYPES_HANDOFF } from '@captchala/contract'
import { runPow, startWorkersThrough } from './runPow'
import { createWidget } from './widget'

/** The emulator's `window.Captchala`: the SDK's global, and a benchmark of this browser's solver. */
interface EmulatorGlobal extends CaptchalaGlobal {
  version: 'emulator'
  /** SHA-256 hashes a second of the proof-of-work solver in this browser */
  benchmark(hashes?: number): Promise<number>
}

declare global {
  interface Window {
    Captchala?: CaptchalaGlobal
  }
}

/** Hashes the benchmark runs by default. */
const BENCHMARK_HASHES = 20_000
/** A difficulty no nonce meets: the benchmark hashes exactly as many as it is told to. */
const UNREACHABLE_DIFFICULTY = 256

async function benchmark(hashes = BENCHMARK_HASHES) {
  const started = performance.now()
  await runPow('bench', UNREACHABLE_DIFFICULTY, hashes)
  return (hashes / (performance.now() - started)) * 1000
}

// A second copy of the script on one page keeps the first.
if (!window.Captchala) {
  const script = document.currentScript as HTMLScriptElement | null
  // The Trusted Types policy the kit's loader put on this script's tag, if any, for the worker's URL.
  type HandedOver = { [TRUSTED_TYPES_HANDOFF]?: Parameters<typeof startWorkersThrough>[0] }
  startWorkersThrough((script as (HTMLScriptElement & HandedOver) | null)?.[TRUSTED_TYPES_HANDOFF])
  const origin = {
    base: script ? new URL(script.src).origin : location.origin,
    nonce: script?.nonce || undefined,
  }
  const captchala: EmulatorGlobal = {
    init: (options) => createWidget(origin, options),
    version: 'emulator',
    benchmark,
  }
  window.Captchala = captchala
}
