import type { Trail } from '@captchala/devtools'
import type { SiteConfig } from './siteConfig'
import type { Story } from './stories'
import { applySwitches } from './switches'

/** A story whose forms wait until the page is set up for it: a policy of its own, or emulator switches. */
export const needsPreparing = (story: Story) => Boolean(story.switches || story.scriptBlockedBy === 'csp')

/** Sets the page up for its story, before any of its widgets loads. */
export function prepareStory(config: SiteConfig, story: Story, diagnostics: Trail): Promise<void> {
  if (story.scriptBlockedBy === 'csp') refuseScriptsOfOtherOrigins()
  return applySwitches(config, story, diagnostics)
}

// A second Content-Security-Policy, as a site's own may be: every script must pass both, and this one lets
// only the page's own origin through, so the SDK's host (and 'strict-dynamic' of the first) count for
// nothing. A policy in a <meta> applies from the moment it is in the head; the page keeps it until it goes
// (every story is a page of its own).
function refuseScriptsOfOtherOrigins() {
  const meta = document.createElement('meta')
  meta.httpEquiv = 'Content-Security-Policy'
  meta.content = "script-src 'self'"
  document.head.append(meta)
}
