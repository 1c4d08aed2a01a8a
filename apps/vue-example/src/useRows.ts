import type { Diagnostics } from '@captchala/gallery'
import { onScopeDispose, shallowRef } from 'vue'

/** The diagnostics rows as a ref, kept current while the component lives. */
export function useRows(diagnostics: Diagnostics) {
  const rows = shallowRef(diagnostics.getSnapshot())
  onScopeDispose(diagnostics.subscribe(() => (rows.value = diagnostics.getSnapshot())))
  return rows
}
