import {
  captchaOptions,
  type Diagnostics,
  type FormSpec,
  returnedOutcome,
  returnPath,
  type SiteConfig,
  type Story,
} from '@captchala/gallery'
import { Captcha } from '@captchala/react'
import { FormFields } from './FormFields'
import { FormResult } from './FormResult'

interface Props {
  story: Story
  form: FormSpec
  config: SiteConfig
  diagnostics: Diagnostics
}

/** A plain HTML form: `<Captcha>` fills the hidden `captchala_token` input and the browser posts it. */
export function NativeForm({ story, form, config, diagnostics }: Props) {
  const outcome = returnedOutcome(form)
  return (
    <form
      className="card demo"
      method="post"
      action={`/api/${form.action}`}
      data-testid={`form-${form.action}`}
    >
      <FormFields form={form} />
      <input type="hidden" name="return_to" value={returnPath(story.id)} />
      <Captcha className="widget" {...captchaOptions(story, form, config, diagnostics)} />
      <button className="button" type="submit" data-testid={`submit-${form.action}`}>
        {form.submit}
      </button>
      {outcome && <FormResult action={form.action} outcome={outcome} />}
    </form>
  )
}
