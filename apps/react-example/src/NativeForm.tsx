import { captchaOptions, returnedOutcome, returnPath, type StoryFormProps } from '@captchala/gallery'
import { Captcha } from '@captchala/react'
import { FormFields } from './FormFields'
import { FormResult } from './FormResult'

/** A plain HTML form: `<Captcha>` fills the hidden `captchala_token` input and the browser posts it. */
export function NativeForm({ story, form, config, diagnostics, lang }: StoryFormProps) {
  const outcome = returnedOutcome(form, lang)
  return (
    <form
      className="card demo"
      method="post"
      action={`/api/${form.action}`}
      data-testid={`form-${form.action}`}
    >
      <FormFields form={form} />
      <input type="hidden" name="return_to" value={returnPath(story.id, lang)} />
      <Captcha className="widget" {...captchaOptions(story, form, config, diagnostics, lang)} />
      <button className="button" type="submit" data-testid={`submit-${form.action}`}>
        {form.submit}
      </button>
      <FormResult action={form.action} outcome={outcome} />
    </form>
  )
}
