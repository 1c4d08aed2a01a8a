/**
 * The panel's look, in its shadow root through a constructed stylesheet: a page whose Content-Security-Policy
 * refuses inline styles (no nonce) still draws it. Text colours keep at least 4.5:1 against the background.
 */
export const PANEL_CSS = `
:host { display: block; font: 13px/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; color: #1f2937; }
section { border: 1px solid #d1d5db; border-radius: 8px; background: #fff; padding: 8px 12px; }
header { display: flex; gap: 8px; align-items: center; justify-content: space-between; flex-wrap: wrap; }
h2 { font-size: 14px; margin: 0; }
button { font: inherit; padding: 2px 8px; border: 1px solid #4b5563; border-radius: 4px; background: #f9fafb; color: #111827; cursor: pointer; }
button:focus-visible { outline: 2px solid #1d4ed8; outline-offset: 2px; }
ul { list-style: none; margin: 6px 0; padding: 0; }
.rows { max-height: 360px; overflow: auto; }
table { border-collapse: collapse; width: 100%; table-layout: fixed; }
th:nth-child(1) { width: 4.5em; } th:nth-child(2) { width: 6.5em; } th:nth-child(3) { width: 7.5em; }
th, td { text-align: left; vertical-align: top; padding: 2px 6px; border-top: 1px solid #e5e7eb; overflow-wrap: anywhere; }
th { font-weight: 600; }
tr[data-tone=ok] td { color: #166534; }
tr[data-tone=warn] td { color: #92400e; }
tr[data-tone=error] td { color: #b91c1c; }
.empty { color: #4b5563; margin: 4px 0; }
`
