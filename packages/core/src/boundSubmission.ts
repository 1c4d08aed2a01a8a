import type { Clock } from './clock'

/** The elements that submit a form when clicked. */
const SUBMIT_BUTTON = 'button[type=submit], button:not([type]), input[type=submit]'

export interface BoundSubmissionHooks {
  clock: Clock
  /**
   * What a click on the bound button needs now (`bind`, no token yet): the challenge on the widget, or the
   * widget first (its script still loading, or put off by `loader.when`); `null` for nothing, as after a
   * failed load, whose click goes through to the form's own submission (and its `withToken` hears the error)
   */
  clickNeeds(): 'challenge' | 'widget' | null
  /** the click started the SDK's challenge: somebody now waits for it */
  onChallengeClick(): void
  /** a click the kit held before the widget was there: load it, then run the challenge */
  onEarlyClick(): void
}

/**
 * `bind`: the visitor's click on the bound button starts the SDK's own challenge. CaptchaLa's SDK holds that
 * click until the challenge passes, so the form is not sent; another SDK may let it through, and the form's
 * submission then waits for the token (withToken joins the challenge). Either way: one click, one challenge,
 * one submission with a fresh token; a held click is submitted again once the token is there.
 */
export function createBoundSubmission(hooks: BoundSubmissionHooks) {
  const { clock, clickNeeds, onChallengeClick, onEarlyClick } = hooks
  let held: { submitter: HTMLButtonElement; click: Event } | null = null

  const onClick = (click: Event) => {
    const submitter = (click.target as Element | null)?.closest?.<HTMLButtonElement>(SUBMIT_BUTTON)
    const need = clickNeeds()
    if (need === 'challenge') {
      held = submitter?.form ? { submitter, click } : null
      onChallengeClick()
    } else if (need === 'widget' && submitter?.form) {
      // No SDK yet to hold the click: the kit holds it (else the form would go without a token) and sends the
      // form once the widget is there and its challenge passed.
      click.preventDefault()
      held = { submitter, click }
      onEarlyClick()
    }
  }

  return {
    // Registered before the SDK's own listener (at mount, ahead of init), so it always sees the click.
    listen: (target: Element) => target.addEventListener('click', onClick),
    unlisten(target: Element) {
      target.removeEventListener('click', onClick)
      held = null
    },
    /**
     * the load or the challenge a held click waited for failed: the click goes on as if it had never been
     * held (the form is submitted, and the app's own handler shows the visitor what happened); no button
     * stays dead
     */
    release() {
      const click = held
      held = null
      const form = click?.click.defaultPrevented ? click.submitter.form : null
      // A submitter that is no longer a submit button (re-rendered) sends the form all the same.
      try {
        form?.requestSubmit(click!.submitter)
      } catch {
        form?.requestSubmit()
      }
    },
    /** the challenge passed: a click the SDK held is submitted again, unless somebody else asked for the token */
    afterPass(someoneWasWaiting: boolean) {
      const click = held
      held = null
      // Not held (the submission is under way and got the token), or somebody else asked for it: done.
      if (!click?.click.defaultPrevented || someoneWasWaiting) return
      // After the frameworks have rendered the token into the form's hidden input.
      clock.setTimeout(() => click.submitter.form?.requestSubmit(click.submitter), 0)
    },
  }
}
