import type { CaptchalaTheme } from '@captchala/contract'

/** An element with its class and attributes. */
export function el<Tag extends keyof HTMLElementTagNameMap>(
  tag: Tag,
  className = '',
  attributes: Record<string, string> = {},
): HTMLElementTagNameMap[Tag] {
  const node = document.createElement(tag)
  if (className) node.className = className
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value)
  return node
}

/** The element a selector or an element names. */
export function elementOf(target: string | Element): Element {
  const found = typeof target === 'string' ? document.querySelector(target) : target
  if (!found) throw new Error(`Captchala: no element for ${String(target)}`)
  return found
}

/** The widget's stylesheet, once per page, with the script's nonce for a strict CSP. */
export function ensureStylesheet(base: string, nonce: string | undefined) {
  if (document.querySelector('link[data-captchala]')) return
  const link = el('link', '', { rel: 'stylesheet', href: `${base}/captchala.css`, 'data-captchala': '' })
  if (nonce) link.nonce = nonce
  document.head.appendChild(link)
}

export function applyTheme(root: HTMLElement, theme: CaptchalaTheme | undefined) {
  root.classList.toggle('captchala-dark', theme === 'dark')
  root.classList.toggle('captchala-stereo', theme === 'stereoscopic')
  const custom = theme && typeof theme === 'object' ? theme.custom : undefined
  if (!custom) return
  // CSSOM, not a style attribute: allowed under a strict CSP.
  if (custom.color) root.style.setProperty('--captchala-accent', custom.color)
  if (custom.gradient) root.style.setProperty('--captchala-gradient', custom.gradient)
  if (custom.hover) root.style.setProperty('--captchala-hover', custom.hover)
  if (custom.radius != null)
    root.style.setProperty(
      '--captchala-radius',
      typeof custom.radius === 'number' ? `${custom.radius}px` : custom.radius,
    )
  const dark =
    custom.brightness === 'dark' ||
    (custom.brightness === 'system' && matchMedia('(prefers-color-scheme: dark)').matches)
  root.classList.toggle('captchala-dark', dark)
}
