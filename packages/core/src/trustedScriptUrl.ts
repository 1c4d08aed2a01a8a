import { TRUSTED_TYPES_POLICY } from '@captchala/contract'

/** What the loader needs of a Trusted Types policy: `trustedTypes.createPolicy(...)` returns one. */
export interface ScriptUrlPolicy {
  createScriptURL(url: string): unknown
}

// The part of the Trusted Types API the loader uses (not in every TypeScript's DOM library yet).
interface TrustedTypesFactory {
  createPolicy(name: string, rules: { createScriptURL(url: string): string }): ScriptUrlPolicy
}

/** The script URLs the loader itself asked for (its `loader.src`): the only ones the kit's policy makes. */
const loaderUrls = new Set<string>()

/** Lets the kit's policy make `url`, a script URL the loader is about to load. */
export const allowScriptUrl = (url: string) => void loaderUrls.add(url)

// The loader's own URLs, and a `blob:` of this page's origin (the SDK's worker): anything else is refused, so
// that the policy, which the SDK's tag carries, makes no URL a page's attacker could choose. A refused URL is
// thrown as it is: the loader reports it as `script_blocked` with the fix.
function onlySdkScripts(url: string): string {
  if (loaderUrls.has(url) || url.startsWith(`blob:${location.origin}/`)) return url
  throw new TypeError(url)
}

// Created at most once per page: a second `createPolicy` with the same name fails where the CSP does not
// allow duplicates. `null`: the browser has no Trusted Types, or the page's CSP does not allow this name.
let kitPolicy: ScriptUrlPolicy | null | undefined

function kitsPolicy(): ScriptUrlPolicy | null {
  if (kitPolicy === undefined) {
    const factory = (window as { trustedTypes?: TrustedTypesFactory }).trustedTypes
    try {
      kitPolicy = factory?.createPolicy(TRUSTED_TYPES_POLICY, { createScriptURL: onlySdkScripts }) ?? null
    } catch {
      // Not allowed by the page's `trusted-types` list: if the page also enforces them, assigning the script's
      // URL fails next, and says so.
      kitPolicy = null
    }
  }
  return kitPolicy
}

/**
 * The policy the SDK's script URL goes through: the page's own (`loader.trustedTypesPolicy`), else the kit's
 * `captchala` policy where the browser has Trusted Types, else none (the URL stays a string).
 */
export const scriptUrlPolicy = (given: ScriptUrlPolicy | undefined): ScriptUrlPolicy | null =>
  given ?? kitsPolicy()
