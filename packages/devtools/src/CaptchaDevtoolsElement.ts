import type { HeldToken, Trail, TrailRow } from './createTrail'
import PANEL_CSS from './panel.css?raw'

/** The tag of the panel. */
export const DEVTOOLS_TAG = 'captchala-devtools'

/** `<captchala-devtools>`: shows a trail as it grows. Set `trail` (from `createTrail`) to fill it. */
export interface CaptchaDevtoolsElement extends HTMLElement {
  trail: Trail | null
}

declare global {
  interface HTMLElementTagNameMap {
    [DEVTOOLS_TAG]: CaptchaDevtoolsElement
  }
}

/** How often "time left" moves while a token is held. */
const TICK_MS = 1_000
/** How close to the bottom counts as following the newest rows. */
const FOLLOW_SLACK_PX = 24
const COLUMNS = ['+ms', 'widget', 'stage', 'what happened'] as const

/**
 * Registers `<captchala-devtools>` once per page (the React and Vue wrappers call it). A function, not an
 * import side effect, so that the package stays `sideEffects: false` and a server render never touches it.
 */
export function defineCaptchaDevtools(): void {
  const registry = globalThis.customElements
  if (!registry || registry.get(DEVTOOLS_TAG)) return
  registry.define(DEVTOOLS_TAG, panelClass())
}

// The class is made where HTMLElement exists: at definition, in a browser.
function panelClass(): CustomElementConstructor {
  return class extends HTMLElement implements CaptchaDevtoolsElement {
    #trail: Trail | null = null
    #unsubscribe: (() => void) | null = null
    #ticker: ReturnType<typeof setInterval> | undefined
    #shown = 0
    /** the last row drawn: a trail that no longer holds it was cleared (and maybe refilled) meanwhile */
    #lastShown: TrailRow | undefined
    readonly #root = this.attachShadow({ mode: 'open' })
    readonly #body: HTMLTableSectionElement
    readonly #tokens: HTMLUListElement
    readonly #scroller: HTMLDivElement
    readonly #empty: HTMLParagraphElement
    readonly #copied: HTMLSpanElement

    constructor() {
      super()
      adoptStyles(this.#root)
      const section = element('section', { 'aria-labelledby': 'title' })
      const header = element('header')
      const title = element('h2', { id: 'title' }, 'CaptchaLa devtools')
      const copy = element('button', { type: 'button' }, 'Copy trail as JSON')
      copy.addEventListener('click', () => this.#copy())
      // Says once that the copy happened, for a screen reader too.
      this.#copied = element('span', { role: 'status' })
      header.append(title, this.#copied, copy)
      this.#tokens = element('ul', { 'aria-label': 'Tokens held' })
      const table = element('table')
      const head = element('tr')
      for (const column of COLUMNS) head.append(element('th', { scope: 'col' }, column))
      this.#body = element('tbody')
      table.append(element('thead'), this.#body)
      table.tHead!.append(head)
      // Scrolls: a keyboard reaches it (tabindex), and it is named for what it holds.
      this.#scroller = element('div', { class: 'rows', role: 'region', tabindex: '0', 'aria-label': 'Trail' })
      this.#empty = element('p', { class: 'empty' }, 'Nothing yet.')
      this.#scroller.append(table, this.#empty)
      section.append(header, this.#tokens, this.#scroller)
      this.#root.append(section)
    }

    get trail() {
      return this.#trail
    }

    set trail(trail: Trail | null) {
      if (trail === this.#trail) return
      this.#trail = trail
      this.#body.replaceChildren()
      this.#shown = 0
      this.#lastShown = undefined
      if (this.isConnected) this.#follow()
    }

    connectedCallback() {
      this.#follow()
      this.#ticker = setInterval(() => this.#renderTokens(), TICK_MS)
    }

    disconnectedCallback() {
      this.#unsubscribe?.()
      this.#unsubscribe = null
      clearInterval(this.#ticker)
    }

    #follow() {
      this.#unsubscribe?.()
      this.#unsubscribe = this.#trail?.subscribe(() => this.#render()) ?? null
      this.#render()
    }

    // Rows only grow: the new ones are appended; a cleared trail starts the table again.
    #render() {
      const rows = this.#trail?.getSnapshot() ?? []
      if (this.#shown > 0 && rows[this.#shown - 1] !== this.#lastShown) {
        this.#body.replaceChildren()
        this.#shown = 0
      }
      // The newest row stays in view, unless the reader scrolled up to read an older one.
      const scroller = this.#scroller
      const following = scroller.scrollTop + scroller.clientHeight >= scroller.scrollHeight - FOLLOW_SLACK_PX
      for (const row of rows.slice(this.#shown)) this.#body.append(rowElement(row))
      this.#shown = rows.length
      this.#lastShown = rows.at(-1)
      if (following) scroller.scrollTop = scroller.scrollHeight
      this.#empty.hidden = rows.length > 0
      this.#renderTokens()
    }

    #renderTokens() {
      const tokens = this.#trail?.tokens() ?? []
      this.#tokens.replaceChildren(...tokens.map((token) => element('li', {}, tokenLine(token))))
      this.#tokens.hidden = tokens.length === 0
    }

    async #copy() {
      const json = JSON.stringify(this.#trail?.toJSON() ?? { rows: [], tokens: [] }, null, 2)
      try {
        await navigator.clipboard.writeText(json)
        this.#copied.textContent = 'Copied.'
      } catch {
        this.#copied.textContent = 'The clipboard refused: the trail is in the console.'
        console.info(json)
      }
    }
  }
}

function adoptStyles(root: ShadowRoot) {
  if ('adoptedStyleSheets' in root && typeof CSSStyleSheet.prototype.replaceSync === 'function') {
    const sheet = new CSSStyleSheet()
    sheet.replaceSync(PANEL_CSS)
    root.adoptedStyleSheets = [sheet]
  } else {
    // An environment without constructed stylesheets (jsdom): a style element (under a strict CSP, unstyled).
    root.append(element('style', {}, PANEL_CSS))
  }
}

function rowElement(row: TrailRow): HTMLTableRowElement {
  const tr = element('tr', { 'data-type': row.type, 'data-tone': row.tone, 'data-t': String(row.t) })
  if (row.tokenId) tr.dataset.tokenId = row.tokenId
  for (const text of [String(row.t), row.source, row.stage, row.detail]) tr.append(element('td', {}, text))
  return tr
}

function tokenLine({ source, id, type, expiresAt, state }: HeldToken): string {
  if (state !== 'held' || expiresAt === null) return `${source}: ${type} token id ${id}, ${state}`
  const left = Math.max(0, Math.round((expiresAt - Date.now()) / 1000))
  return `${source}: ${type} token id ${id}, ${left} s left`
}

function element<Tag extends keyof HTMLElementTagNameMap>(
  tag: Tag,
  attributes: Record<string, string> = {},
  text?: string,
): HTMLElementTagNameMap[Tag] {
  const node = document.createElement(tag)
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value)
  if (text !== undefined) node.textContent = text
  return node
}
