// The SDK follows no redirect: one would carry the app secret (a header `fetch` keeps across origins) to
// whatever origin the `Location` names, and believe that origin's verdict. A 3xx is an answer of its own.

export const isRedirect = (status: number) => status >= 300 && status < 400

/** The origin a `Location` names (relative to the URL asked), or `null` when it names none. */
export function originOf(location: string | null, url: string): string | null {
  if (location === null) return null
  try {
    const { origin } = new URL(location, url)
    return origin === 'null' ? null : origin
  } catch {
    return null
  }
}

/**
 * What to do about a URL that answers with a redirect: the SDK never follows one (it would carry the app
 * secret to the origin the `Location` names), so the configuration must name where CaptchaLa answers.
 * `setting` is where that URL is configured (`baseUrl`, or an environment variable).
 */
export function redirectFix(
  url: string,
  status: number | null | undefined,
  to: string | null,
  setting: string,
): string {
  const answered = `${url} answered ${status ? `HTTP ${status}` : 'a redirect'} to ${to ?? 'no readable address'}, which is not followed: it would carry the app secret there.`
  if (to === null)
    return `${answered} Set ${setting} to CaptchaLa's API itself, not an address that forwards.`
  const from = new URL(url)
  if (from.protocol === 'http:' && to === `https://${from.host}`) {
    return `${answered} Use https:// in ${setting}.`
  }
  if (to === from.origin) {
    return `${answered} The path moved on the same host: set ${setting} to where the API answers now.`
  }
  return `${answered} If ${to} is where CaptchaLa answers now, point ${setting} there; if not, something between this server and CaptchaLa (a proxy, a captive portal) answers in its place: fix that path.`
}
