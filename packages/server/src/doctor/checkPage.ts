import { SDK_HOSTS, TRUSTED_TYPES_POLICY } from '@captchala/contract'
import { readCappedText } from '../answerLimits'
import { reasonOf } from './askCaptchala'
import { type Check, ok, problem, warning } from './Check'
import { allowsUrl, governing, holds, nonceOf, type Policy, policiesOf } from './contentSecurityPolicy'
import type { DoctorSettings } from './settings'

/** The SDK's script, as the page's HTML may name it (a loader.src rendered into the page, a tag, a payload). */
const SDK_SCRIPT = /https?:\/\/[^\s"'<>`\\]+\/captchala(?:-loader)?\.js/g
// Not `...-Report-Only`, which browsers ignore in a meta tag.
const META_POLICY = /<meta\b[^>]*http-equiv\s*=\s*["']?content-security-policy(?:["']|(?=[\s/>]))[^>]*>/gi
const CONTENT = /\bcontent\s*=\s*(?:"([^"]*)"|'([^']*)')/i
const LOCAL_HOSTS = /^(localhost|127\.\d+\.\d+\.\d+|\[::1\]|.+\.localhost)$/
/**
 * How much of the page is read: its policy meta tags and the SDK's script sit in its head, and pages run to a
 * few hundred KiB; a page that goes on (a stream, a flood) is judged on what came first.
 */
const MAX_PAGE_BYTES = 4 * 1024 * 1024

/**
 * A page of the site, from outside: served over https where it must be, and its Content-Security-Policy
 * (header and meta) letting the SDK's script, its stylesheet, its worker (blob:) and its API calls through,
 * with a nonce the page carries where `script-src` goes by nonce.
 */
export async function checkPage(settings: DoctorSettings): Promise<Check[]> {
  let pageUrl = new URL(settings.page!)
  let html: string
  let cut: boolean
  let headerPolicy: string | null
  try {
    const deadline = AbortSignal.timeout(settings.timeoutMs)
    const response = await fetch(pageUrl, { signal: deadline })
    // After redirects, the page is where they ended: its origin is 'self', its scheme the secure context's.
    pageUrl = new URL(response.url || pageUrl.href)
    headerPolicy = response.headers.get('content-security-policy')
    if (!response.ok) {
      void response.body?.cancel().catch(() => {})
      return [
        problem(
          'loading',
          'page answers',
          `${pageUrl.href}: HTTP ${response.status}`,
          'Pass the URL of a page that shows the widget.',
        ),
      ]
    }
    ;({ text: html, cut } = await readCappedText(response.body, MAX_PAGE_BYTES, deadline))
  } catch (error) {
    const reason = reasonOf(error, settings.timeoutMs)
    return [
      problem(
        'loading',
        'page answers',
        `${pageUrl.href}: ${reason}`,
        'Check the page URL and that the site is up.',
      ),
    ]
  }
  const checks: Check[] = [
    ok(
      'loading',
      'page answers',
      `${pageUrl.href}: ${html.length.toLocaleString('en-US')} characters of HTML${cut ? ` read (the first ${MAX_PAGE_BYTES.toLocaleString('en-US')} bytes; the page went on)` : ''}`,
    ),
  ]
  checks.push(secureContext(pageUrl))
  const named = scriptsNamedIn(html)
  const scripts = scriptUrls(named, settings)
  checks.push(
    named.length > 0
      ? ok('loading', 'loader.src', `the page's HTML names ${named.join(', ')}`)
      : {
          stage: 'loading',
          name: 'loader.src',
          verdict: 'not_visible',
          detail: `the page's HTML does not name the SDK's script (a value set at run time): checked ${scripts.map((url) => url.host).join(' and ')}${settings.scriptSrc ? ' (--script-src)' : ", CaptchaLa's CDN; pass --script-src for another"}`,
        },
  )
  const policies = [
    ...(headerPolicy ? policiesOf(headerPolicy, 'the header') : []),
    ...metaPolicies(html).flatMap((serialized) => policiesOf(serialized, 'the meta tag')),
  ]
  if (policies.length === 0) {
    checks.push(ok('loading', 'Content-Security-Policy', 'none: the page restricts nothing the SDK loads'))
    return checks
  }
  const apiUrl = new URL(settings.baseUrl)
  checks.push(
    scriptCheck(policies, scripts, pageUrl, html),
    styleCheck(policies, scripts, pageUrl, html),
    workerCheck(policies),
    connectCheck(policies, apiUrl, pageUrl),
    trustedTypesCheck(policies),
  )
  return checks
}

// WebCrypto (which the SDK needs) exists only in a secure context: https, or a local name.
function secureContext(page: URL): Check {
  if (page.protocol === 'https:' || LOCAL_HOSTS.test(page.hostname)) {
    return ok('loading', 'secure context', `${page.protocol.slice(0, -1)} on ${page.hostname}`)
  }
  return warning(
    'loading',
    'secure context',
    `plain http from ${page.hostname}: not a secure context, so the browser gives the SDK no WebCrypto`,
    'Serve the page over https (a local name such as localhost is exempt).',
  )
}

function scriptsNamedIn(html: string): string[] {
  // JSON payloads escape slashes (https:\/\/...).
  const unescaped = html.replaceAll('\\/', '/').replaceAll('\\u002F', '/')
  return [...new Set(unescaped.match(SDK_SCRIPT) ?? [])].filter(isUrl)
}

function scriptUrls(named: string[], settings: DoctorSettings): URL[] {
  if (named.length > 0) return named.map((url) => new URL(url))
  if (settings.scriptSrc) return [new URL(settings.scriptSrc)]
  return SDK_HOSTS.map((host) => new URL('/captchala.js', host))
}

function metaPolicies(html: string): string[] {
  return (html.match(META_POLICY) ?? []).flatMap((tag) => {
    const content = CONTENT.exec(tag)
    return content
      ? [(content[1] ?? content[2] ?? '').replaceAll('&#39;', "'").replaceAll('&quot;', '"')]
      : []
  })
}

const carries = (html: string, nonce: string) =>
  html.includes(`nonce="${nonce}"`) ||
  html.includes(`nonce='${nonce}'`) ||
  html.includes(`content="${nonce}"`)

// The first policy that refuses decides; each names the directive that did.
function scriptCheck(policies: Policy[], scripts: URL[], page: URL, html: string): Check {
  const name = "script-src lets the SDK's script load"
  for (const policy of policies) {
    const directive = governing(policy, 'script')
    if (!directive) continue
    const nonce = nonceOf(directive.sources)
    const strictDynamic = holds(directive.sources, "'strict-dynamic'")
    const byHost = !strictDynamic && scripts.every((url) => allowsUrl(directive.sources, url, page))
    if (byHost) continue
    if (nonce && carries(html, nonce)) continue
    if (nonce || strictDynamic) {
      return problem(
        'loading',
        name,
        `${policy.from}'s ${directive.name} goes by ${nonce ? `nonce ${nonce}` : "'strict-dynamic'"}, and nothing in the page's HTML carries ${nonce ? 'that nonce' : 'a nonce'}`,
        'Render the request\'s nonce into the page (on your script tags, or a <meta name="csp-nonce" content="...">) and give it to the widget as loader.nonce.',
      )
    }
    return problem(
      'loading',
      name,
      `${policy.from}'s ${directive.name} does not allow ${scripts.map((url) => url.origin).join(' or ')}`,
      `Add ${[...new Set(scripts.map((url) => url.origin))].join(' ')} to ${directive.name}, or allow the loader by nonce (loader.nonce).`,
    )
  }
  return ok('loading', name, `${scripts.map((url) => url.origin).join(' and ')} allowed`)
}

function styleCheck(policies: Policy[], scripts: URL[], page: URL, html: string): Check {
  const name = "style-src lets the SDK's stylesheet load"
  const stylesheets = scripts.map((url) => new URL('captchala.css', url))
  for (const policy of policies) {
    const directive = governing(policy, 'style')
    if (!directive) continue
    if (stylesheets.every((url) => allowsUrl(directive.sources, url, page))) continue
    const nonce = nonceOf(directive.sources)
    if (nonce && carries(html, nonce)) continue
    return problem(
      'loading',
      name,
      `${policy.from}'s ${directive.name} does not allow ${stylesheets.map((url) => url.href).join(' or ')}`,
      `Add ${[...new Set(stylesheets.map((url) => url.origin))].join(' ')} to ${directive.name}.`,
    )
  }
  return ok('loading', name, `${stylesheets.map((url) => url.origin).join(' and ')} allowed`)
}

function workerCheck(policies: Policy[]): Check {
  const name = "worker-src lets the SDK's worker start"
  for (const policy of policies) {
    const directive = governing(policy, 'worker')
    // Only the scheme source itself lets a blob: worker start (`*` and 'self' do not).
    if (!directive || holds(directive.sources, 'blob:')) continue
    // Without worker-src or child-src, script-src governs workers, and 'strict-dynamic' lets a trusted script
    // start one (CSP Level 3).
    if (directive.name.startsWith('script-src') && holds(directive.sources, "'strict-dynamic'")) continue
    return problem(
      'loading',
      name,
      `${policy.from}'s ${directive.name} (${directive.sources.join(' ') || "'none'"}) has no blob:, and the SDK runs its challenge in a blob: worker`,
      'Add worker-src blob: to the policy.',
    )
  }
  return ok('loading', name, "the SDK's worker may start")
}

// The browser SDK calls CaptchaLa's API; a page that blocks it gets a widget that never finishes.
function connectCheck(policies: Policy[], api: URL, page: URL): Check {
  const name = "connect-src lets the SDK reach CaptchaLa's API"
  for (const policy of policies) {
    const directive = governing(policy, 'connect')
    if (!directive || allowsUrl(directive.sources, api, page)) continue
    return warning(
      'loading',
      name,
      `${policy.from}'s ${directive.name} does not allow ${api.origin} (the API this server uses)`,
      `Add ${api.origin} to ${directive.name} if the browser SDK calls it there.`,
    )
  }
  return ok('loading', name, `${api.origin} allowed`)
}

// A page that enforces Trusted Types refuses the SDK's script URL unless a policy makes it: the kit's
// (`captchala`), or one of the page's own passed as loader.trustedTypesPolicy, which no HTML shows: a warning.
function trustedTypesCheck(policies: Policy[]): Check {
  const name = 'Trusted Types let the kit load the SDK'
  for (const policy of policies) {
    const required = policy.directives.get('require-trusted-types-for')
    const names = policy.directives.get('trusted-types')
    if (!required || !holds(required, "'script'") || !names) continue
    if (names.includes(TRUSTED_TYPES_POLICY) || names.includes('*')) continue
    return warning(
      'loading',
      name,
      `${policy.from} requires Trusted Types for scripts, and its trusted-types (${names.join(' ') || "'none'"}) does not name ${TRUSTED_TYPES_POLICY}`,
      `Add ${TRUSTED_TYPES_POLICY} to trusted-types, or pass one of the page's own policies as loader.trustedTypesPolicy.`,
    )
  }
  return ok('loading', name, `the kit's ${TRUSTED_TYPES_POLICY} policy is allowed, or none is required`)
}

// What the pattern found in the HTML may still not be a URL (a port out of range): such a find is skipped.
function isUrl(text: string): boolean {
  try {
    new URL(text)
    return true
  } catch {
    return false
  }
}
