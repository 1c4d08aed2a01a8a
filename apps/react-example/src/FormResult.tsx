import { type Outcome, outcomeData, outcomeMeta } from '@captchala/gallery'

/**
 * What the person is told, with the code and request id an engineer would ask for; while their click waits
 * for the script, the words that say so (`waiting`). The status region is there, empty, before any outcome: a
 * screen reader announces a region whose text changes, and often misses one that arrives with its text.
 */
export function FormResult({
  action,
  outcome,
  waiting,
}: {
  action: string
  outcome: Outcome | undefined
  waiting?: string | undefined
}) {
  return (
    <>
      <p
        className="result"
        role="status"
        data-testid={`result-${action}`}
        {...(outcome && outcomeData(outcome))}
      >
        {waiting ?? outcome?.message}
      </p>
      {outcome && <p className="meta">{outcomeMeta(outcome)}</p>}
    </>
  )
}
