import type { Trail } from '@captchala/devtools'
import type { SiteConfig } from './siteConfig'
import type { FormSpec, Story } from './stories'

/** What a form of a story is given, in both apps. */
export interface StoryFormProps {
  story: Story
  form: FormSpec
  config: SiteConfig
  diagnostics: Trail
  /** the widget's language, where the story lets the person choose */
  lang?: string
}
