import type { TrailRow } from '@captchala/devtools'

/** How many times a token was replaced in the background, as the trail's rows tell it. */
export const refreshCount = (rows: readonly TrailRow[]) =>
  rows.filter((row) => row.type === 'refreshed').length
