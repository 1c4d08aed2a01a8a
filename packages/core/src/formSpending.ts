import type { Clock } from './clock'

export interface FormSpendingHooks {
  clock: Clock
  /** the token held now, if a form that carries it spends it (`spendOnSubmit` is not `false`) */
  spendableToken(): string | null
  /** the token left with the form: it counts as spent */
  spend(token: string): void
}

/** Whether a field of the form (the kit's hidden input, wherever it is rendered) holds the token. */
const carries = (form: HTMLFormElement, token: string) =>
  Array.from(form.elements).some((field) => (field as HTMLInputElement).value === token)

/**
 * A token sent by a form is spent: when a form holding the current token is submitted (natively, through a
 * framework's `<Form>` or Server Action form, or by a handler that builds `new FormData(form)`), the token
 * counts as spent once every handler of that `submit` event has run and read it, a task later, exactly as
 * after `withToken`. Not on `formdata`: validation libraries build `FormData` on every keystroke.
 */
export function createFormSpending({ clock, spendableToken, spend }: FormSpendingHooks) {
  const onSubmit = (event: Event) => {
    const token = spendableToken()
    const form = event.target
    if (!token || !(form instanceof HTMLFormElement) || !carries(form, token)) return
    clock.setTimeout(() => spend(token), 0)
  }
  // On the document, in the capture phase: every form of the page, before any handler can stop the event.
  return {
    listen: (page: Document) => page.addEventListener('submit', onSubmit, true),
    unlisten: (page: Document) => page.removeEventListener('submit', onSubmit, true),
  }
}
