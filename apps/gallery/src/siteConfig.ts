/** What the backend tells its pages (`GET /api/site-config`): public values only. */
export interface SiteConfig {
  appKey: string
  /** where the SDK comes from; absent: the kit's default CDN hosts */
  scriptSrc?: string[]
  /** the local emulator's origin, for its switches; absent against the real CaptchaLa */
  emulator?: string
}

let config: Promise<SiteConfig> | undefined

/** The site config, fetched once from the backend (in development Vite hands `/api` to it); a failure is kept, so the page can say so rather than spin. */
export function loadSiteConfig(): Promise<SiteConfig> {
  config ??= fetch('/api/site-config').then(async (res) => {
    if (!res.ok) throw new Error(`the backend answered ${res.status} for its site config`)
    return (await res.json()) as SiteConfig
  })
  return config
}

/** The nonce the backend put in `<meta name="csp-nonce">`, for the script tag the loader adds. */
export const cspNonce = () =>
  document.querySelector<HTMLMetaElement>('meta[name="csp-nonce"]')?.content || undefined
