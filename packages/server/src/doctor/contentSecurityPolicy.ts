import parseContentSecurityPolicy from 'content-security-policy-parser'

/** One policy of a page: where it came from and its directives (parsed by content-security-policy-parser). */
export interface Policy {
  /** "the header" or "the meta tag" */
  from: string
  directives: Map<string, string[]>
}

export const policiesOf = (serialized: string, from: string): Policy[] =>
  // A header may carry several policies separated by commas; each must allow what the page loads.
  serialized
    .split(',')
    .map((one) => one.trim())
    .filter(Boolean)
    .map((one) => ({ from, directives: parseContentSecurityPolicy(one) }))

/** Which directive governs each kind of load, in the order CSP Level 3 falls back. */
const FALLBACKS = {
  script: ['script-src-elem', 'script-src', 'default-src'],
  style: ['style-src-elem', 'style-src', 'default-src'],
  worker: ['worker-src', 'child-src', 'script-src', 'default-src'],
  connect: ['connect-src', 'default-src'],
} as const

/** The directive that governs `kind` and its sources, or null when nothing restricts it. */
export function governing(
  policy: Policy,
  kind: keyof typeof FALLBACKS,
): { name: string; sources: string[] } | null {
  for (const name of FALLBACKS[kind]) {
    const sources = policy.directives.get(name)
    if (sources) return { name, sources }
  }
  return null
}

/** Whether a source list holds a keyword or scheme source (`'strict-dynamic'`, `blob:`): CSP ignores their case. */
export const holds = (sources: string[], keyword: string) =>
  sources.some((source) => source.toLowerCase() === keyword)

/** The nonce a source list accepts (`'nonce-abc'` gives `abc`: the value keeps its case), or null. */
export const nonceOf = (sources: string[]) =>
  sources.find((source) => source.toLowerCase().startsWith("'nonce-"))?.slice("'nonce-".length, -1) ?? null

/** Whether a source list lets `url` load on a page at `page` (CSP Level 3's URL matching, without paths' subtleties). */
export function allowsUrl(sources: string[], url: URL, page: URL): boolean {
  return sources.some((source) => matches(source, url, page))
}

// Keywords, schemes and hosts compare without case; a path keeps its case.
function matches(written: string, url: URL, page: URL): boolean {
  const source = written.toLowerCase()
  if (source === '*') return ['http:', 'https:', 'ws:', 'wss:'].includes(url.protocol)
  if (source === "'self'") return url.host === page.host && secureEnough(page.protocol, url.protocol)
  if (source.startsWith("'")) return false
  // A scheme source: `https:`, `blob:`.
  if (/^[a-z][a-z0-9+.-]*:$/.test(source)) return secureEnough(source, url.protocol)
  const host = /^(?:([a-z][a-z0-9+.-]*):\/\/)?(\*\.)?([^/:]+|\*)(?::(\d+|\*))?(\/.*)?$/i.exec(written)
  if (!host) return false
  const [, writtenScheme, wildcard, writtenName, port, path] = host
  const scheme = writtenScheme?.toLowerCase()
  const name = writtenName!.toLowerCase()
  if (!secureEnough(scheme ? `${scheme}:` : page.protocol, url.protocol)) return false
  const urlHost = url.hostname
  if (name !== '*') {
    if (wildcard ? !urlHost.endsWith(`.${name}`) : urlHost !== name) return false
  }
  if (port !== '*') {
    // No port in the source: the URL's scheme's default (so http://host also allows https://host on 443).
    const expected = port ?? defaultPort(url.protocol)
    if ((url.port || defaultPort(url.protocol)) !== expected) return false
  }
  if (path && path !== '/') return path.endsWith('/') ? url.pathname.startsWith(path) : url.pathname === path
  return true
}

// http: in a source also allows https: (and ws: allows wss:), never the other way.
function secureEnough(allowed: string, actual: string): boolean {
  if (allowed === actual) return true
  return (allowed === 'http:' && actual === 'https:') || (allowed === 'ws:' && actual === 'wss:')
}

const defaultPort = (protocol: string) => (protocol === 'https:' || protocol === 'wss:' ? '443' : '80')
