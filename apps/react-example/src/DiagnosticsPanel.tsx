import type { Diagnostics } from '@captchala/gallery'
import { useSyncExternalStore } from 'react'

/** The core's event stream and the backend's answers, as they happen: stage, timing, token prefix and length. */
export function DiagnosticsPanel({ diagnostics }: { diagnostics: Diagnostics }) {
  const rows = useSyncExternalStore(diagnostics.subscribe, diagnostics.getSnapshot)
  return (
    <aside className="card panel" data-testid="panel" aria-label="Diagnostics">
      <h3>Diagnostics</h3>
      <div className="rows">
        <table>
          <colgroup>
            <col className="t" />
            <col className="source" />
            <col className="stage" />
            <col />
          </colgroup>
          <thead>
            <tr>
              <th>+ms</th>
              <th>form</th>
              <th>stage</th>
              <th>what happened</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.seq} data-type={row.type} data-tone={row.tone} data-t={row.t}>
                <td>{row.t}</td>
                <td>{row.source}</td>
                <td className="stage">{row.stage}</td>
                <td>{row.detail}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {!rows.length && <p className="empty">Nothing yet.</p>}
      </div>
    </aside>
  )
}
