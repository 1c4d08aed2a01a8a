import type { CaptchalaGlobal } from '@captchala/contract'

/** What a script URL does when the page adds a tag for it. */
export type ScriptBehaviour =
  | { kind: 'sdk'; sdk: CaptchalaGlobal } // loads and defines window.Captchala
  | { kind: 'loader'; sdk: CaptchalaGlobal } // loads and defines window.loadCaptchala, which later defines Captchala
  | { kind: 'error' } // 404 or network failure: the tag's error event
  | { kind: 'blocked' } // the page's Content-Security-Policy refuses it: a violation, then the tag's error
  | { kind: 'empty' } // loads, defines nothing
  | { kind: 'hang' } // never answers

/**
 * Serves script tags in jsdom (which loads none by itself): watches the document for added `<script>` tags
 * and answers each after `latencyMs` as the route for its URL says. Counts every request.
 */
export function fakeScripts(routes: Record<string, ScriptBehaviour>, latencyMs = 20) {
  const requests: string[] = []
  const answer = (tag: HTMLScriptElement) => {
    const route = routes[tag.src] ?? { kind: 'error' }
    if (route.kind === 'hang') return
    setTimeout(() => {
      if (route.kind === 'blocked') {
        // What a browser fires (jsdom has no SecurityPolicyViolationEvent): the fields the loader reads.
        const violation = Object.assign(new Event('securitypolicyviolation'), {
          blockedURI: tag.src,
          disposition: 'enforce',
        })
        document.dispatchEvent(violation)
      }
      if (route.kind === 'error' || route.kind === 'blocked')
        return void tag.dispatchEvent(new Event('error'))
      if (route.kind === 'sdk') window.Captchala = route.sdk
      if (route.kind === 'loader') {
        window.loadCaptchala = (onLoaded) => {
          setTimeout(() => {
            window.Captchala = route.sdk
            onLoaded()
          }, latencyMs)
        }
      }
      tag.dispatchEvent(new Event('load'))
    }, latencyMs)
  }
  const observer = new MutationObserver((records) => {
    for (const r of records)
      for (const node of r.addedNodes)
        if (node instanceof HTMLScriptElement && node.src) {
          requests.push(node.src)
          answer(node)
        }
  })
  observer.observe(document, { childList: true, subtree: true })
  return {
    requests,
    stop() {
      observer.disconnect()
      delete window.Captchala
      delete window.loadCaptchala
      for (const el of document.querySelectorAll('script,link')) el.remove()
    },
  }
}
