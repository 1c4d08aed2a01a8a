import type {
  CaptchalaErrorArg,
  CaptchalaInitOptions,
  CaptchalaSuccess,
  CaptchalaWidget,
} from '@captchala/contract'
import { CaptchaError, toCaptchaError } from './CaptchaError'
import { type CaptchaEventInit, errorEvent } from './CaptchaEvent'
import type { CaptchaOptions } from './CaptchaOptions'
import type { Clock } from './clock'
import { DEFAULT_TIMEOUT_MS, loadCaptchala } from './loadCaptchala'
import { positiveOr } from './positiveOr'
import { fetchServerToken } from './serverToken'

/**
 * How long past one host's time (`loader.timeoutMs`) a widget waits for the SDK's script: room for the next
 * host to answer when the first one hangs.
 */
const NEXT_HOST_ROOM_MS = 2_000

/** The SDK's own `init` options that the kit sets from its options. Nothing else reaches `init`. */
const SDK_INIT_KEYS = ['appKey', 'product', 'action', 'lang', 'theme'] as const
/** Those of them that need a new init when they change (`lang` changes in place). */
const REINIT_KEYS = SDK_INIT_KEYS.filter((key) => key !== 'lang')

/** What a new init is needed for. A `serverToken` function counts only as "a function": it is new on every render. */
export const initKey = (options: CaptchaOptions) =>
  JSON.stringify([
    ...REINIT_KEYS.map((key) => options[key]),
    typeof options.serverToken === 'function' || options.serverToken,
  ])

/** What the widget tells: each callback of the SDK, only while the widget that calls it is the current one. */
export interface WidgetCallbacks {
  onPass(result: CaptchalaSuccess): void
  onError(error: CaptchalaErrorArg): void
  onClose(): void
  onReady(): void
}

export interface WidgetSessionHooks extends WidgetCallbacks {
  clock: Clock
  options(): CaptchaOptions
  emit(event: CaptchaEventInit): void
}

/**
 * The widget's life: script, server token, `init`, mount; a new init when its options need one; teardown.
 * Callbacks of a widget that was replaced or torn down are ignored.
 */
export function createWidgetSession({ clock, options, emit, ...callbacks }: WidgetSessionHooks) {
  let widget: CaptchalaWidget | null = null
  /** bumped whenever the widget goes: callbacks of an older widget are ignored */
  let generation = 0

  // The SDK asks for a fresh `sct_` when the one it has expired; it gets `null` if none can be had.
  const renewServerToken = async () => {
    try {
      return (await fetchServerToken(options().serverToken, clock, emit)) ?? null
    } catch (error) {
      emit(errorEvent(toCaptchaError(error, 'server_token_failed')))
      return null
    }
  }

  const initOptions = (serverToken: string | undefined): CaptchalaInitOptions => {
    const current = options()
    const init: CaptchalaInitOptions = { appKey: current.appKey }
    // The SDK's own keys have the same names and values in both (CaptchalaInitOptions mirrors the options).
    const sdkOptions = init as Record<(typeof SDK_INIT_KEYS)[number], unknown>
    for (const key of SDK_INIT_KEYS) {
      if (current[key] !== undefined) sdkOptions[key] = current[key]
    }
    if (serverToken !== undefined) {
      init.serverToken = serverToken
      init.onServerTokenExpired = renewServerToken
    }
    return init
  }

  function teardown() {
    generation++
    widget?.destroy()
    widget = null
  }

  return {
    get widget() {
      return widget
    },

    teardown,

    /**
     * Builds the widget on `element` (the options hold an app key: the caller checked). Resolves `true` once
     * it is mounted, `false` when another load or a teardown came first; rejects with the `CaptchaError` that
     * stopped it.
     */
    async load(element: Element): Promise<boolean> {
      const mine = generation
      const isCurrent = () => mine === generation
      const ifCurrent =
        <Args extends unknown[]>(handle: (...args: Args) => void) =>
        (...args: Args) => {
          if (isCurrent()) handle(...args)
        }
      const current = options()
      // A widget waits for the script about as long as one host may take: past that the visitor hears of it
      // (and gets a retry) whatever the loader's further hosts and passes, which go on for whoever asks next.
      const patience = new AbortController()
      const hostMs = positiveOr(current.loader?.timeoutMs, DEFAULT_TIMEOUT_MS)
      const impatient = clock.setTimeout(() => patience.abort(), hostMs + NEXT_HOST_ROOM_MS)
      try {
        const sdk = await loadCaptchala({ ...current.loader, clock, onEvent: emit, signal: patience.signal })
          .catch((error: unknown) => {
            throw patience.signal.aborted ? new CaptchaError('script_timeout') : error
          })
          // The patience is the script's alone: the server token and the init after it are not timed by it.
          .finally(() => clock.clearTimeout(impatient))
        const serverToken = await fetchServerToken(current.serverToken, clock, emit)
        if (!isCurrent()) return false
        const created = sdk.init(initOptions(serverToken))
        // Called one by one, not chained: a quirky SDK whose `on*` does not return the instance still works.
        created.onSuccess(ifCurrent(callbacks.onPass))
        created.onError(ifCurrent(callbacks.onError))
        created.onClose(ifCurrent(callbacks.onClose))
        created.onReady(ifCurrent(callbacks.onReady))
        if (current.product === 'bind') created.bindTo(element)
        else created.appendTo(element)
        widget = created
        return true
      } catch (error) {
        if (!isCurrent()) return false
        throw toCaptchaError(error, 'sdk_error')
      }
    },
  }
}

export type WidgetSession = ReturnType<typeof createWidgetSession>
