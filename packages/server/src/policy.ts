/** Which tokens a site accepts that the main API did not verify as single-use pass tokens. */
export interface Policy {
  /** `dg_`: the app's quota ran out; made single-use by the replay guard (default: refuse) */
  degraded: boolean
  /** `offline_`: verified (once) by the backup while the main API fails from here (default: accept) */
  offline: boolean
  /** accept `offline_` whenever the backup says valid, even while the main API answers here (default: no) */
  offlineWhileMainUp: boolean
  /**
   * `client_` / `co_`: made in the browser, verifiable by nobody; accepted once, and only while neither the
   * main API nor the backup answers this server (default: refuse)
   */
  clientOnly: boolean
}

/** Any of the policy's switches; an absent or `undefined` one keeps the default. */
export type PolicyOverrides = { [Switch in keyof Policy]?: Policy[Switch] | undefined }

/** The `policy` option: the site's defaults, and overrides per action (keyed by `expectedAction`). */
export type PolicyOptions = PolicyOverrides & { actions?: Record<string, PolicyOverrides> | undefined }

const DEFAULT_POLICY: Policy = {
  degraded: false,
  offline: true,
  offlineWhileMainUp: false,
  clientOnly: false,
}

// A switch given as `undefined` keeps the default instead of turning into a refusal.
const definedSwitches = (overrides: PolicyOverrides | undefined): Partial<Policy> =>
  Object.fromEntries(Object.entries(overrides ?? {}).filter(([, value]) => value !== undefined))

/**
 * The rules for one action: the defaults, then the site's, then the action's own. Worked out once per action
 * (the options are read when the client is made), not on every validation.
 */
export function policyFor({ actions = {}, ...site }: PolicyOptions = {}) {
  const siteRules: Policy = { ...DEFAULT_POLICY, ...definedSwitches(site) }
  const byAction = new Map<string, Policy>()
  return (expectedAction: string | undefined): Policy => {
    if (!expectedAction || !Object.hasOwn(actions, expectedAction)) return siteRules
    let rules = byAction.get(expectedAction)
    if (!rules) {
      rules = { ...siteRules, ...definedSwitches(actions[expectedAction]) }
      byAction.set(expectedAction, rules)
    }
    return rules
  }
}
