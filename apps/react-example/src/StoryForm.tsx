import { captchaOptions, type Outcome, type StoryFormProps, sendForm } from '@captchala/gallery'
import { useCaptcha, visitorWordsFor } from '@captchala/react'
import { useState } from 'react'
import { FormFields } from './FormFields'
import { FormResult } from './FormResult'
import { TokenClock } from './TokenClock'

/** A form sent through `withToken`: the widget beside the fields, or bound to the button (`bind`). */
export function StoryForm({ story, form, config, diagnostics, lang }: StoryFormProps) {
  const captcha = useCaptcha(captchaOptions(story, form, config, diagnostics, lang))
  const [fields, setFields] = useState(() => Object.fromEntries(form.fields.map((f) => [f.name, f.value])))
  const [outcome, setOutcome] = useState<Outcome>()
  const [sending, setSending] = useState(0)
  // Deliberately not disabled while sending: the guard, not the button, keeps a second click from resending.
  const send = async () => {
    setSending((n) => n + 1)
    const sent = await sendForm(captcha.withToken, form, fields, diagnostics, lang)
    if (sent) setOutcome(sent)
    setSending((n) => n - 1)
  }
  const bind = form.product === 'bind'
  return (
    <form
      className="card demo"
      data-testid={`form-${form.action}`}
      onSubmit={(event) => {
        event.preventDefault()
        void send()
      }}
    >
      {form.title && <h3>{form.title}</h3>}
      <FormFields form={form} values={fields} onChange={setFields} />
      {!bind && <div className="widget" ref={captcha.elementRef} />}
      <button
        className="button"
        type="submit"
        data-testid={`submit-${form.action}`}
        ref={bind ? captcha.elementRef : undefined}
      >
        {sending ? 'Sending…' : form.submit}
      </button>
      <p className="meta">
        widget status: <span data-testid={`status-${form.action}`}>{captcha.status}</span>
      </p>
      {story.kind === 'expiry' && <TokenClock diagnostics={diagnostics} expiresAt={captcha.expiresAt} />}
      <FormResult
        action={form.action}
        outcome={outcome}
        waiting={captcha.waiting ? visitorWordsFor(lang).waiting : undefined}
      />
    </form>
  )
}
