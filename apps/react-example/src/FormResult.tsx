import { type Outcome, outcomeData, outcomeMeta } from '@captchala/gallery'

/** What the person is told, with the code and request id an engineer would ask for. */
export function FormResult({ action, outcome }: { action: string; outcome: Outcome }) {
  return (
    <>
      <p className="result" role="status" data-testid={`result-${action}`} {...outcomeData(outcome)}>
        {outcome.message}
      </p>
      <p className="meta">{outcomeMeta(outcome)}</p>
    </>
  )
}
