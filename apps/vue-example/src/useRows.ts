import type { Trail, TrailRow } from '@captchala/devtools'
import { onScopeDispose, type ShallowRef, shallowRef } from 'vue'

/** The trail's rows as a ref, kept current while the component lives. */
export function useRows(diagnostics: Trail): ShallowRef<readonly TrailRow[]> {
  const rows = shallowRef(diagnostics.getSnapshot())
  onScopeDispose(diagnostics.subscribe(() => (rows.value = diagnostics.getSnapshot())))
  return rows
}
