import { type CaptchaOptions, DEFAULT_HOSTS } from '@captchala/core'
import type { Trail } from '@captchala/devtools'
import { cspNonce, type SiteConfig } from './siteConfig'
import type { FormSpec, Story } from './stories'

/** A page's own Trusted Types policy that makes no script URL at all, as one that does not know the SDK's. */
const REFUSING_POLICY = {
  createScriptURL(url: string): string {
    throw new TypeError(`this page's Trusted Types policy refuses ${url}`)
  },
}

/** The widget options of one form of a story, wired to the page's diagnostics. */
export function captchaOptions(
  story: Story,
  form: FormSpec,
  config: SiteConfig,
  diagnostics: Trail,
  lang?: string,
): CaptchaOptions {
  const hosts = config.scriptSrc ?? DEFAULT_HOSTS
  return {
    appKey: config.appKey,
    action: form.action,
    product: form.product,
    theme: form.theme,
    refresh: form.refresh,
    lang,
    serverToken: form.serverToken ? () => fetchServerToken(form.action) : undefined,
    loader: {
      // A host that answers 404 for the script, before the real ones.
      src: story.failingFirstHost ? [`${hosts[0]}/no-such-host`, ...hosts] : hosts,
      nonce: cspNonce(),
      trustedTypesPolicy: story.scriptBlockedBy === 'trusted-types' ? REFUSING_POLICY : undefined,
      when: form.loadWhen,
    },
    onEvent: (event) => diagnostics.event(form.action, event),
  }
}

/** An `sct_` from the backend, bound to this visitor's IP. */
export async function fetchServerToken(action: string): Promise<string> {
  const res = await fetch(`/api/server-token?action=${encodeURIComponent(action)}`)
  const answer = (await res.json()) as { serverToken?: string }
  if (!answer.serverToken) throw new Error(`no server token (${res.status})`)
  return answer.serverToken
}
