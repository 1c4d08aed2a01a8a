// What runs inside the page, the same in every engine: sent as source text, since each driver serializes
// what it evaluates. Each function here must stand alone (no imports, no helpers from this module).

/**
 * Every element `selector` names, shadow roots included: `host >>> inner` finds `inner` inside the open
 * shadow root of each `host` (as puppeteer writes it; Playwright's CSS pierces shadow roots by itself).
 */
export const DEEP_QUERY = `(selector) => {
  const [first, ...inner] = selector.split(' >>> ')
  let found = [...document.querySelectorAll(first)]
  for (const part of inner)
    found = found.flatMap((host) => (host.shadowRoot ? [...host.shadowRoot.querySelectorAll(part)] : []))
  return found
}`

/** A text test sent into the page: a substring, or a regular expression's source and flags. */
export type TextTest = string | RegExp
export const textTestSource = (text: TextTest | undefined) =>
  text === undefined
    ? 'null'
    : typeof text === 'string'
      ? JSON.stringify({ includes: text })
      : JSON.stringify({ source: text.source, flags: text.flags })

/** The elements `selector` names whose text passes `text` (all of them without one). */
export const matching = (selector: string, text?: TextTest) => `(() => {
  const test = ${textTestSource(text)}
  const passes = (element) => {
    if (!test) return true
    const said = element.textContent ?? ''
    return 'includes' in test ? said.includes(test.includes) : new RegExp(test.source, test.flags).test(said)
  }
  return (${DEEP_QUERY})(${JSON.stringify(selector)}).filter(passes)
})()`

/**
 * Records the page's uncaught errors, unhandled rejections, resources that failed to load, policy violations
 * and console errors and warnings in `window.__pageProblems`: a test page loads it first (the one way that works in every engine;
 * WebKit's WebDriver reports no console at all).
 */
export const PROBLEMS_LISTENER = `(() => {
  if (window.__pageProblems) return
  const problems = (window.__pageProblems = [])
  addEventListener('error', (event) => {
    const target = event.target
    if (target && target !== window && (target.src || target.href))
      problems.push('resource failed: ' + (target.src || target.href))
    else problems.push('error: ' + (event.message || String(event.error)))
  }, true)
  addEventListener('unhandledrejection', (event) =>
    problems.push('unhandled rejection: ' + (event.reason && event.reason.message || String(event.reason))))
  addEventListener('securitypolicyviolation', (event) =>
    problems.push('policy violation: ' + event.effectiveDirective + ' ' + event.blockedURI))
  // What the page's scripts print as errors and warnings (a framework's hydration warning, say): WebKit's
  // driver has no console of its own to read.
  for (const level of ['error', 'warn']) {
    const print = console[level]
    console[level] = (...args) => {
      problems.push('console ' + level + ': ' + args.map(String).join(' '))
      print.apply(console, args)
    }
  }
})()`

/**
 * Resolves once the first element `selector` names is ready for a pointer: its box the same over two
 * animation frames, and its centre not covered by another element (or after about 10 s, whatever it is). Playwright waits so by itself; the other
 * drivers click a point, and a widget mounting above a button moves the button from under it.
 */
export const readyToClick = (selector: string) => `(async () => {
  const element = (${DEEP_QUERY})(${JSON.stringify(selector)})[0]
  const frame = () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)))
  const box = () => JSON.stringify(element.getBoundingClientRect())
  const onTop = () => {
    element.scrollIntoView({ block: 'center', inline: 'center' })
    const { left, top, width, height } = element.getBoundingClientRect()
    let hit = document.elementFromPoint(left + width / 2, top + height / 2)
    while (hit?.shadowRoot) {
      const inner = hit.shadowRoot.elementFromPoint(left + width / 2, top + height / 2)
      if (!inner || inner === hit) break
      hit = inner
    }
    return hit !== null && (element === hit || element.contains(hit) || hit.contains(element))
  }
  // Bounded, so a button that stays covered is clicked anyway and the test fails on what follows.
  for (let tries = 0; tries < 300; tries++) {
    const before = box()
    await frame()
    if (box() === before && onTop()) return
  }
})()`

/**
 * Records what the page's live regions say in `window.heard`, as a screen reader hears it: a region is read
 * when its text changes, not when it arrives with its text (a screen reader often misses those, so they do
 * not count). A test page loads it first.
 */
export const LIVE_REGION_RECORDER = `(() => {
  if (window.heard) return
  const heard = (window.heard = [])
  const live = '[aria-live]:not([aria-live=off]), [role=status], [role=alert], [role=log]'
  const said = new Map()
  new MutationObserver(() => {
    for (const region of document.querySelectorAll(live)) {
      const text = region.textContent?.trim() ?? ''
      if (said.has(region) && text && text !== said.get(region)) heard.push(text)
      said.set(region, text)
    }
  }).observe(document, { subtree: true, childList: true, characterData: true })
})()`
