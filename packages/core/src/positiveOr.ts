/**
 * `value` when it is a positive number, else `fallback`: a duration given as 0, a negative number, NaN
 * (`Number(undefined)`) or nothing falls back to its default instead of firing at once or never.
 */
export const positiveOr = (value: number | undefined, fallback: number): number =>
  typeof value === 'number' && value > 0 ? value : fallback
