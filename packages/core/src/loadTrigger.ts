/**
 * When the widget loads the SDK: at mount (the default), once its element is on screen (`visible`), or at the
 * first focus or pointer press in its form (`interaction`). Until then no CaptchaLa request leaves the page;
 * `execute` and `withToken` load at once whatever this says.
 */
export type LoadWhen = 'mount' | 'visible' | 'interaction'

/** What counts as touching the form: a field or button focused (the keyboard too), or a press. */
const INTERACTIONS = ['focusin', 'pointerdown'] as const

/**
 * Calls `load` once, when `when` says. Returns the cancel of a load it put off, or `null` when it loaded at
 * once.
 */
export function whenToLoad(
  element: Element,
  when: LoadWhen | undefined,
  load: () => void,
): (() => void) | null {
  if (when === 'visible' && typeof IntersectionObserver === 'function') {
    const observer = new IntersectionObserver((entries) => {
      if (!entries.some((entry) => entry.isIntersecting)) return
      observer.disconnect()
      load()
    })
    observer.observe(element)
    return () => observer.disconnect()
  }
  if (when === 'interaction') {
    const area = element.closest('form') ?? element
    const stop = () => {
      for (const type of INTERACTIONS) area.removeEventListener(type, start, true)
    }
    // Capture: the first event loads, before any handler of the page could stop it.
    const start = () => {
      stop()
      load()
    }
    for (const type of INTERACTIONS) area.addEventListener(type, start, true)
    return stop
  }
  // `mount`, or `visible` where the browser cannot tell: now.
  load()
  return null
}
