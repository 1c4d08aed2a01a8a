import type { DiagnosticRow, Diagnostics } from '@captchala/gallery'
import { onScopeDispose, type ShallowRef, shallowRef } from 'vue'

/** The diagnostics rows as a ref, kept current while the component lives. */
export function useRows(diagnostics: Diagnostics): ShallowRef<readonly DiagnosticRow[]> {
  const rows = shallowRef(diagnostics.getSnapshot())
  onScopeDispose(diagnostics.subscribe(() => (rows.value = diagnostics.getSnapshot())))
  return rows
}
